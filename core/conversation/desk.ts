import { resolveActor, type PlatformAccount } from '../auth/identities';
import { findCommand, type CommandName } from '../commands/catalog';
import { audienceAllows } from '../commands/command-spec';
import { parseArgs, tokenize } from '../commands/parse-command-line';
import type { DeskDeps } from '../desk/desk-deps';
import type { ChatPlace } from '../ports/notifier';
import { NotAuthenticated, NotAuthorized, ValidationFailed } from '../errors';
import type { ActionRef } from '../views/action-id';
import { ephemeral, text, type FormId, type Reply } from '../views/view-model';
import { HANDLERS } from './command-handlers';
import type { Conversation } from './conversation';
import { commandOfForm, formFor } from './forms';
import type { Args } from './handler';
import { helpView } from './help';
import { hear } from './hear';
import type { ConversationIntake, InboundDelete, InboundEdit, InboundMessage } from './inbound-message';
import { pickParked } from './pick-parked';
import { publicText } from './public-prefix';
import { reviseMessage } from '../queries/revise-message';
import { listPageReply } from './list-pages';
import { commandHint, surfaceOf } from './surface';

/**
 * The one entry every surface calls: a slash command, a typed line, a button press or a form submit all
 * end here, and from here in the same use cases. Failures are thrown as core's typed errors; each
 * surface renders them its own way.
 */
export class Desk implements ConversationIntake {
  constructor(readonly deps: DeskDeps) {}

  /** `place`: where the request was made, for what follows the answer (see Conversation). */
  async conversation(account: PlatformAccount, place?: ChatPlace): Promise<Conversation> {
    return {
      account,
      actor: await resolveActor(this.deps, account),
      surface: surfaceOf(account.platform),
      ...(place ? { place } : {}),
    };
  }

  help(conv: Conversation, note?: string): Reply {
    const view = helpView(conv.actor?.role ?? null, conv.surface);
    return note ? ephemeral(text(note, 'warning'), view) : ephemeral(view);
  }

  /** Runs a catalog command. Missing required options open the command's form where it has one. */
  async run(conv: Conversation, name: string, args: Args = {}, opts: { fromForm?: boolean } = {}): Promise<Reply> {
    const spec = findCommand(name);
    if (!spec || name === 'help') return this.help(conv, spec ? undefined : unknownText(name));
    const role = conv.actor?.role ?? null;
    if (!audienceAllows(spec.audience, role)) {
      if (role === null)
        throw new NotAuthenticated(
          `Sign in first to run ${commandHint(conv.surface, name)}: use ${commandHint(conv.surface, 'login')} or ${commandHint(conv.surface, 'register')}.`,
        );
      throw new NotAuthorized(`run ${commandHint(conv.surface, name)}`, role);
    }
    if (
      !opts.fromForm &&
      spec.form &&
      spec.options.some((o) => o.required && o.type !== 'query' && isMissing(args[o.name]))
    ) {
      const id = spec.options.some((o) => o.type === 'query')
        ? Number(String(args.id ?? '').replace('#', ''))
        : undefined;
      if (id !== undefined && !(id > 0)) throw ValidationFailed.field('id', 'a query id is required');
      return ephemeral(formFor(spec.form, this.deps.config, id));
    }
    return HANDLERS[name as Exclude<CommandName, 'help'>]({ deps: this.deps, conv }, args);
  }

  /** A typed line: `claim 42`, `mine status=Open`, with or without a leading /cqms. */
  async runLine(conv: Conversation, line: string): Promise<Reply> {
    const tokens = tokenize(line.trim().replace(/^\/?cqms\b/, ''));
    const [name, ...rest] = tokens;
    if (!name) return this.help(conv);
    const spec = findCommand(name.toLowerCase());
    if (!spec) return this.help(conv, unknownText(name));
    return this.run(conv, spec.name, parseArgs(spec, rest));
  }

  /**
   * A button press, its id decoded once where the surface parsed it (null: not one of ours); everything is
   * re-checked, whatever the button showed.
   */
  async press(conv: Conversation, a: ActionRef | null): Promise<Reply> {
    if (!a)
      throw ValidationFailed.field(
        'action',
        'this button is not recognized (it may be from an older version); run the command again',
      );
    switch (a.kind) {
      case 'close':
        return this.run(conv, 'close', { id: a.queryId });
      case 'rate':
        return { ...(await this.run(conv, 'rate', { id: a.queryId, rating: a.rating })), replaces: 'source' };
      case 'form':
        return this.run(conv, commandOfForm(a.form));
      case 'page':
        return listPageReply({ deps: this.deps, conv }, a, (command, args) => this.run(conv, command, args));
      case 'pick':
        return pickParked(this.deps, conv, a.pendingId, a.queryId);
      default:
        return this.run(conv, a.kind, { id: a.queryId });
    }
  }

  /** A message written in a support thread or a direct message with the app (see hear.ts). */
  hear(conv: Conversation, m: InboundMessage): Promise<Reply | null> {
    return hear(this.deps, conv, m);
  }

  /** Its author edited a message stored earlier: mirrored on every copy (a public one keeps its prefix off). */
  async heardEdit(conv: Conversation, e: InboundEdit): Promise<void> {
    const text = publicText(e.text, this.deps.config.publicReplyPrefix) ?? e.text;
    await reviseMessage(this.deps, conv.actor, e.source, { kind: 'edit', text }, e.at);
  }

  /** A message stored earlier was deleted where it was written: blanked on every copy, its text kept in history. */
  async heardDelete(_conv: Conversation, e: InboundDelete): Promise<void> {
    await reviseMessage(this.deps, null, e.source, { kind: 'delete' }, e.at);
  }

  /** A submitted form: its fields are the command's options; nothing is re-asked, errors name the fields. */
  submit(conv: Conversation, formId: FormId, values: Args, queryId?: number): Promise<Reply> {
    return this.run(
      conv,
      commandOfForm(formId),
      { ...values, ...(queryId ? { id: queryId } : {}) },
      { fromForm: true },
    );
  }
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function unknownText(name: string): string {
  return `Unknown command "${name}". Here is what you can run:`;
}
