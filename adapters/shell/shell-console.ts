import type { ButtonView } from '../../core/views/view-model';

/**
 * The terminal the REPL and the notifier share. Notices (channel posts, direct messages) that arrive
 * while a command runs are held and printed after its reply, so a transcript reads in order.
 */
export class ShellConsole {
  private held: string[][] | null = null;

  constructor(private readonly output: NodeJS.WritableStream) {}

  print(lines: readonly string[]): void {
    for (const l of lines) this.output.write(`${l}\n`);
  }

  notice(lines: readonly string[]): void {
    if (this.held) this.held.push([...lines]);
    else this.print(lines);
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const lines of held) this.print(lines);
  }
}

/** The buttons of the last reply each shell user saw (a direct message counts), pressed by number. */
export class ButtonBoard {
  private readonly byUser = new Map<string, ButtonView[]>();

  set(shellUser: string, buttons: readonly ButtonView[]): void {
    this.byUser.set(shellUser, [...buttons]);
  }

  get(shellUser: string): readonly ButtonView[] {
    return this.byUser.get(shellUser) ?? [];
  }
}
