import { within } from '../../core/async/within';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { findCommand } from '../../core/commands/catalog';
import type { Conversation } from '../../core/conversation/conversation';
import type { Desk } from '../../core/conversation/desk';
import type { Args } from '../../core/conversation/handler';
import { ValidationFailed } from '../../core/errors';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import type { DiscordPlace } from '../../core/ports/notifier';
import type { FormView, Reply } from '../../core/views/view-model';
import type { AttachmentFetcher } from './attachment-fetcher';
import { alwaysOpensForm } from './command-registration';
import type { DiscordMessage } from './discord-message';
import type { DefectSink } from '../../core/errors';
import type { DiscordLog } from './discord-log';
import { errorReply } from './error-reply';
import { accountOf, type DiscordInbound, type DiscordUserRef, type InteractionMeta } from './inbound';
import { modalFor, type ModalContext } from './modal';
import type { PendingUploads } from './pending-uploads';
import { renderReply } from './render-reply';

/** What an interaction is answered with: a modal to open, messages to send, and whether it failed. */
export interface Outcome {
  modal?: APIModalInteractionResponseCallbackData;
  messages: DiscordMessage[];
  failed: boolean;
  /** The answer replaces the message whose button was pressed (core's `replaces`). */
  replacesSource?: boolean;
}

export interface DeskCallsOptions {
  desk: Desk;
  charts: ChartRenderer;
  files: AttachmentFetcher;
  uploads: PendingUploads;
  log: DiscordLog;
  onDefect: DefectSink;
  /** How long `/cqms new` waits for a screenshot's download before opening the modal (DOWNLOAD_PEEK_MS by default). */
  downloadPeekMs?: number;
}

type Of<K extends DiscordInbound['kind']> = Extract<DiscordInbound, { kind: K }>;

/** Long enough to refuse most bad screenshots before the modal opens; well inside the default 2 s ack budget. */
export const DOWNLOAD_PEEK_MS = 800;

/** The error `p` fails with within `ms`, or null when it succeeds or is still running (its rejection stays handled). */
function failureWithin(p: Promise<unknown>, ms: number): Promise<unknown> {
  return within(
    p.then(
      () => null,
      (e: unknown) => e,
    ),
    ms,
    () => null,
  );
}

/**
 * Translates parsed interactions into Desk calls and their replies into Discord answers: a form becomes a modal
 * (the category option and a screenshot being downloaded ride in its id), every other view is rendered, and
 * every failure becomes an ephemeral message. Core decides everything else.
 */
export class DeskCalls {
  constructor(private readonly deps: DeskCallsOptions) {}

  command(c: Of<'command'>): Promise<Outcome> {
    return this.outcome(c.meta, async (conv) => {
      const args: Args = { ...c.options.values, ...(await this.userArgs(c.options.users)) };
      const spec = findCommand(c.name);
      const files = Object.entries(c.options.attachments);
      if (spec && alwaysOpensForm(spec)) {
        const reply = await this.deps.desk.run(conv, c.name, args);
        if (!reply.views.some((v) => v.kind === 'form')) return { reply };
        // The modal must be the first answer: a screenshot is checked by its declared size, then downloaded
        // while the user fills the modal in. A quick refusal by its bytes comes before the modal, so nothing
        // typed is lost; a slow one comes with the submission.
        for (const [name, ref] of files) this.deps.files.checkDeclared(ref, name);
        const [first] = files;
        const download = first ? this.deps.files.fetch(first[1], first[0]) : undefined;
        const refused = download ? await failureWithin(download, this.deps.downloadPeekMs ?? DOWNLOAD_PEEK_MS) : null;
        if (refused) throw refused;
        const uploadId = download ? this.deps.uploads.start(c.meta.user.userId, download) : undefined;
        const presets = typeof args.category === 'string' ? { category: args.category } : {};
        return { reply, modal: { presets, ...(uploadId ? { uploadId } : {}) } };
      }
      for (const [name, ref] of files) args[name] = await this.deps.files.fetch(ref, name);
      return { reply: await this.deps.desk.run(conv, c.name, args) };
    });
  }

  button(b: Of<'button'>): Promise<Outcome> {
    return this.outcome(b.meta, async (conv) => ({ reply: await this.deps.desk.press(conv, b.action) }));
  }

  submit(s: Of<'submit'>): Promise<Outcome> {
    return this.outcome(s.meta, async (conv) => {
      const values: Args = { ...s.fields };
      const { categories } = this.deps.desk.deps.config;
      if (s.form.categoryIndex !== undefined) {
        const category = categories[s.form.categoryIndex];
        if (category === undefined)
          throw ValidationFailed.field(
            'category',
            'the categories changed while the form was open; run the command again',
          );
        values.category = category;
      }
      if (s.form.uploadId) {
        const file = await this.deps.uploads.take(s.form.uploadId, s.meta.user.userId);
        if (!file)
          throw ValidationFailed.field(
            'screenshot',
            'the screenshot is no longer at hand (the form stayed open too long); run the command again',
          );
        values.screenshot = file;
      }
      return { reply: await this.deps.desk.submit(conv, s.form.formId, values, s.form.queryId) };
    });
  }

  /** A Discord user picked in an option stands for the CQMS account linked to it. */
  private async userArgs(users: Record<string, DiscordUserRef>): Promise<Args> {
    const out: Args = {};
    for (const [name, u] of Object.entries(users)) {
      const identity = await this.deps.desk.deps.store.identities.find('discord', '', u.userId);
      if (!identity) throw ValidationFailed.field(name, `${u.username} has not linked a CQMS account on Discord`);
      out[name] = { userId: identity.userId };
    }
    return out;
  }

  private async outcome(
    meta: InteractionMeta,
    run: (conv: Conversation) => Promise<{ reply: Reply; modal?: Omit<ModalContext, 'categories'> }>,
  ): Promise<Outcome> {
    try {
      const conv = await this.deps.desk.conversation(accountOf(meta.user), this.placeOf(meta));
      const { reply, modal } = await run(conv);
      const form = reply.views.find((v): v is FormView => v.kind === 'form');
      const rest = { ...reply, views: reply.views.filter((v) => v.kind !== 'form') };
      const messages = rest.views.length || !form ? await this.render(rest) : [];
      if (!form) return { messages, failed: false, ...(reply.replaces === 'source' ? { replacesSource: true } : {}) };
      return {
        modal: modalFor(form, { categories: this.deps.desk.deps.config.categories, ...modal }),
        messages,
        failed: false,
      };
    } catch (e) {
      return { messages: await this.render(errorReply(e, this.deps.onDefect)), failed: true };
    }
  }

  /** Where chart images follow the answer: its interaction (token and channel), answered ephemerally. */
  private placeOf(meta: InteractionMeta): DiscordPlace {
    const receivedAt = this.deps.desk.deps.clock.now().getTime();
    return {
      platform: 'discord',
      applicationId: meta.applicationId,
      interactionToken: meta.token,
      userId: meta.user.userId,
      channelId: meta.channelId,
      receivedAt,
      ephemeral: true,
    };
  }

  render(reply: Reply): Promise<DiscordMessage[]> {
    return renderReply(reply, {
      charts: this.deps.charts,
      onChartError: (e) => this.deps.log.warn(`a chart was not drawn: ${e instanceof Error ? e.message : String(e)}`),
    });
  }
}
