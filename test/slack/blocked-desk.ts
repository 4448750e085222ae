import type { Conversation } from '../../core/conversation/conversation';
import { Desk } from '../../core/conversation/desk';
import type { Args } from '../../core/conversation/handler';
import type { Reply } from '../../core/views/view-model';

/**
 * A desk whose commands wait until `open()`: what a desk behind on its work looks like from the chat side.
 * Every surface (line, button, form) ends in run(), so `ran` lists each command that reached the desk.
 */
export class BlockedDesk extends Desk {
  readonly ran: string[] = [];
  private release: (() => void) | undefined;
  private readonly gate = new Promise<void>((r) => (this.release = r));

  open(): void {
    this.release?.();
  }

  override async run(conv: Conversation, name: string, args?: Args, opts?: { fromForm?: boolean }): Promise<Reply> {
    this.ran.push(name);
    await this.gate;
    return super.run(conv, name, args, opts);
  }
}
