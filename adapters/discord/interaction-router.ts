import { within } from '../../core/async/within';
import { findCommand } from '../../core/commands/catalog';
import type { Desk } from '../../core/conversation/desk';
import { DESK_BUSY_TEXT } from '../../core/errors';
import { typedBack } from './typed-back';
import { ephemeral, text } from '../../core/views/view-model';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { newRef } from '../../core/errors';
import { formFailureOf, formFailureText, logFormFailure, type FormFailure } from './form-failure';
import { autocompleteChoices, type Choice } from './autocomplete';
import type { DeskCalls, Outcome } from './desk-calls';
import type { DiscordMessage } from './discord-message';
import type { DiscordLog } from './discord-log';
import { interactionKey, type HandledOnce } from './handled-once';
import { accountOf, type DiscordInbound, type InteractionMeta } from './inbound';
import { InteractionBound } from './interaction-bound';
import type { InteractionTokens } from './recent-interactions';
import type { Responder } from './responder';

export interface RouterOptions {
  desk: Desk;
  calls: DeskCalls;
  once: HandledOnce;
  recent: InteractionTokens;
  log: DiscordLog;
  /** How long work may run before the interaction is deferred; Discord drops an interaction not answered in 3 s. */
  ackBudgetMs?: number;
  /** Interactions answered at once (interaction-bound.ts's default); past it, new ones are answered busy and not run. */
  maxInFlight?: number;
  /** Told of each interaction refused as busy, by command (the metrics' `shed` outcome). */
  onShed?: (command: string) => void;
}

type Answerable = Extract<DiscordInbound, { kind: 'command' | 'button' | 'submit' }>;

/**
 * Answers every interaction within Discord's 3 seconds: slow commands are deferred at once, anything else
 * that has not finished within the budget is deferred then, and the answer follows as an edit plus
 * follow-ups. Each interaction id is handled once; page buttons replace the list they sit on.
 */
export class InteractionRouter {
  private readonly work: InteractionBound;

  constructor(private readonly deps: RouterOptions) {
    this.work = new InteractionBound({
      ...(deps.maxInFlight ? { maxInFlight: deps.maxInFlight } : {}),
      warn: (line) => deps.log.warn(line),
    });
  }

  /** Never rejects: what cannot be answered is logged. When the desk is full, the answer says so and nothing runs. */
  handle(inbound: DiscordInbound, r: Responder): Promise<void> {
    const onError = (e: unknown) => this.deps.log.error(`answering a Discord ${inbound.kind} interaction failed`, e);
    return (
      this.work.admit(() => this.route(inbound, r), onError) ?? this.work.track(() => this.refuse(inbound, r), onError)
    );
  }

  /** Takes no more interactions and waits for those being answered. */
  drain(): Promise<void> {
    return this.work.close();
  }

  /** A refused interaction: told at once, ephemerally (suggestions: none), and counted. */
  private async refuse(inbound: DiscordInbound, r: Responder): Promise<void> {
    if (inbound.kind === 'autocomplete') return r.choices([]);
    if (inbound.kind === 'unsupported') return;
    const command =
      inbound.kind === 'command'
        ? (findCommand(inbound.name)?.name ?? 'unknown')
        : inbound.kind === 'button'
          ? (inbound.action?.kind ?? 'unknown')
          : inbound.form.formId;
    this.deps.onShed?.(command);
    const typed = inbound.kind === 'submit' ? typedBack(inbound.fields) : null;
    await r.reply({
      content: DESK_BUSY_TEXT,
      embeds: typed ? [typed] : [],
      components: [],
      files: [],
      ephemeral: true,
    });
  }

  private async route(inbound: DiscordInbound, r: Responder): Promise<void> {
    if (inbound.kind === 'autocomplete') return this.suggest(inbound, r);
    if (inbound.kind === 'unsupported') {
      this.deps.log.info(`unsupported Discord interaction: ${inbound.reason}`);
      if (inbound.meta)
        await r.reply({
          content: 'CQMS does not know this command or button (it may be from an older version).',
          embeds: [],
          components: [],
          files: [],
          ephemeral: true,
        });
      return;
    }
    if (!(await this.deps.once.claim(interactionKey(inbound.meta.id)))) {
      this.deps.log.info(`Discord interaction ${inbound.meta.id} was delivered again; handled once already`);
      return;
    }
    // A token answered with a message takes follow-ups for 15 minutes (the notifier's fallback for closed DMs).
    // Not awaited: a Redis that is away must not hold the interaction's slot.
    if (await this.answer(inbound, r)) {
      void this.deps.recent
        .answered(inbound.meta.user.userId, inbound.meta.applicationId, inbound.meta.token)
        .catch((e: unknown) =>
          this.deps.log.warn(
            `the interaction was not kept for follow-ups: ${e instanceof Error ? e.message : String(e)}`,
          ),
        );
    }
  }

  private async answer(inbound: Answerable, r: Responder): Promise<boolean> {
    const page = inbound.kind === 'button' && inbound.action?.kind === 'page';
    if (inbound.kind === 'command' && findCommand(inbound.name)?.slow) await r.defer(true);
    const produce =
      inbound.kind === 'command'
        ? this.deps.calls.command(inbound)
        : inbound.kind === 'button'
          ? this.deps.calls.button(inbound)
          : this.deps.calls.submit(inbound);
    let deferring: Promise<void> | undefined;
    const timer = r.answered
      ? undefined
      : setTimeout(() => {
          deferring = (page ? r.deferUpdate() : r.defer(true)).catch((e: unknown) =>
            this.deps.log.warn(`deferring ${describe(inbound.meta)} failed: ${String(e)}`),
          );
        }, this.deps.ackBudgetMs ?? 2000);
    let outcome: Outcome;
    try {
      outcome = await produce;
    } finally {
      clearTimeout(timer);
    }
    if (deferring) await deferring;
    return this.deliver(
      outcome,
      r,
      page,
      page || (inbound.kind === 'button' && outcome.replacesSource === true),
      inbound,
    );
  }

  /**
   * A modal when it can still be the first answer (or why it did not open); then the messages: first as reply,
   * update (`replace`: a page, a rating in place of its buttons) or edit, the rest as follow-ups.
   */
  private async deliver(
    out: Outcome,
    r: Responder,
    page: boolean,
    replace: boolean,
    inbound: Answerable,
  ): Promise<boolean> {
    let notice: DiscordMessage[] = [];
    if (out.modal) {
      const failed = r.answered ? { cause: 'late' as const } : await openModal(out.modal, r);
      if (!failed) return false;
      const form = {
        title: out.modal.title,
        again: inbound.kind === 'command' ? `run /cqms ${inbound.name}` : 'press the button',
        ref: newRef(),
      };
      logFormFailure(this.deps.log, failed.cause, form, 'error' in failed ? failed.error : undefined);
      const said = formFailureText(failed.cause, form);
      if (said === null) return false;
      notice = await this.deps.calls.render(ephemeral(text(said, failed.cause === 'refused' ? 'danger' : 'warning')));
    }
    const [first, ...more] = [...notice, ...out.messages];
    if (!first) return false;
    if (!r.answered) await (replace && !out.failed ? r.update(first) : r.reply(first));
    else if (page && out.failed) await r.followUp(first);
    else await r.edit(first);
    for (const m of more) await r.followUp(m);
    return true;
  }

  /** Suggestions must come within 3 s and cannot be deferred: none rather than late. */
  private async suggest(a: Extract<DiscordInbound, { kind: 'autocomplete' }>, r: Responder): Promise<void> {
    const lookup = (async () => {
      const conv = await this.deps.desk.conversation(accountOf(a.meta.user));
      return autocompleteChoices(this.deps.desk.deps, conv, a.focused);
    })().catch((e: unknown): Choice[] => {
      this.deps.log.warn(`autocomplete for ${a.name}.${a.focused.name} failed: ${String(e)}`);
      return [];
    });
    await r.choices(await within(lookup, this.deps.ackBudgetMs ?? 2000, (): Choice[] => []));
  }
}

/** Null once the modal is open; else why it is not. */
async function openModal(
  modal: APIModalInteractionResponseCallbackData,
  r: Responder,
): Promise<{ cause: FormFailure; error: unknown } | null> {
  try {
    await r.modal(modal);
    return null;
  } catch (e) {
    return { cause: formFailureOf(e), error: e };
  }
}

function describe(meta: InteractionMeta): string {
  return `interaction ${meta.id} of ${meta.user.userId}`;
}
