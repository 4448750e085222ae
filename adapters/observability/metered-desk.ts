import { findCommand } from '../../core/commands/catalog';
import type { Conversation } from '../../core/conversation/conversation';
import { Desk } from '../../core/conversation/desk';
import type { Args } from '../../core/conversation/handler';
import type { DeskDeps } from '../../core/desk/desk-deps';
import { isCqmsError } from '../../core/errors';
import type { Reply } from '../../core/views/view-model';

/** Where a command's outcome is counted: ok, core's error code (a user error), or internal_error (a defect). */
export type CommandCounter = (command: string, outcome: string) => void;

export function outcomeOf(e: unknown): string {
  return isCqmsError(e) ? e.code.toLowerCase() : 'internal_error';
}

/** What a failure before any command ran (finding who is asking: the database away) is counted as. */
export const RESOLVE_USER = 'resolve_user';

/**
 * The Desk, counting each command once: every surface (typed line, button, form submit, Discord options)
 * ends in run(), so that is where it is counted. Names outside the catalog count as `unknown`, keeping
 * the label set bounded whatever users type. A command that opens a form counts when the form opens and
 * again when it is submitted.
 */
export class MeteredDesk extends Desk {
  constructor(
    deps: DeskDeps,
    private readonly count: CommandCounter,
  ) {
    super(deps);
  }

  // Every parameter passes through: dropping the place once kept chart jobs from being queued.
  override async conversation(...args: Parameters<Desk['conversation']>): Promise<Conversation> {
    try {
      return await super.conversation(...args);
    } catch (e) {
      this.count(RESOLVE_USER, outcomeOf(e));
      throw e;
    }
  }

  override async run(conv: Conversation, name: string, args?: Args, opts?: { fromForm?: boolean }): Promise<Reply> {
    const command = findCommand(name)?.name ?? 'unknown';
    try {
      const reply = await super.run(conv, name, args, opts);
      this.count(command, 'ok');
      return reply;
    } catch (e) {
      this.count(command, outcomeOf(e));
      throw e;
    }
  }
}
