import { decodeAction } from '../../core/views/action-id';
import type { Conversation } from '../../core/conversation/conversation';
import type { Desk } from '../../core/conversation/desk';
import type { FormView, Reply } from '../../core/views/view-model';
import type { Paint } from './ansi';
import type { DefectSink } from '../../core/errors';
import { errorLine } from './error-line';
import { fillForm } from './form-filler';
import type { LineReader } from './line-reader';
import { renderButtons } from './render-text';
import type { ReplyPrinter } from './reply-printer';
import { checkShellName, shellAccount } from './shell-account';
import type { ButtonBoard, ShellConsole } from './shell-console';
import type { ShellInbox } from './shell-inbox';

export interface ShellReplOptions {
  desk: Desk;
  reader: LineReader;
  console: ShellConsole;
  printer: ReplyPrinter;
  board: ButtonBoard;
  paint: Paint;
  /** Conversation messages kept for shell users until the shell acts as them. */
  inbox?: ShellInbox;
  /** Who you are at the start (`/as` changes it). */
  user?: string;
  /** Waits for background jobs, so notifications print before the next prompt. */
  settle?: () => Promise<void>;
  onDefect?: DefectSink;
}

/**
 * The terminal surface: `/as <name>` picks who you are, a number presses a button of the last reply,
 * `/help` and `/quit` belong to the shell; every other line goes to the desk as typed. The shell has
 * no command table: what a line means is the catalog's business.
 */
export class ShellRepl {
  private user: string;

  constructor(private readonly deps: ShellReplOptions) {
    this.user = deps.user ?? 'guest';
    deps.inbox?.become(this.user);
  }

  async run(): Promise<void> {
    try {
      for (;;) {
        const line = await this.deps.reader.ask(await this.prompt());
        if (line === null) break;
        const cmd = line.trim();
        if (cmd === '/quit' || cmd === '/exit') break;
        if (cmd !== '') await this.step(cmd);
      }
    } finally {
      this.deps.reader.close();
    }
  }

  private async step(cmd: string): Promise<void> {
    this.deps.console.hold();
    try {
      await this.dispatch(cmd);
    } catch (e) {
      this.deps.console.print([this.deps.paint('red', `✗ ${errorLine(e, this.deps.onDefect)}`)]);
    } finally {
      this.deps.console.release();
    }
    await this.deps.settle?.();
  }

  private async dispatch(cmd: string): Promise<void> {
    const as = /^\/as(?:\s+(.*))?$/.exec(cmd);
    if (as) return this.become((as[1] ?? '').trim());
    if (cmd === '/help') return this.help();
    if (/^\/(?!cqms(\s|$))/.test(cmd)) {
      this.deps.console.print([
        this.deps.paint(
          'red',
          `✗ Unknown shell command "${cmd.split(/\s/)[0]}". The shell's own are /as <name>, /help and /quit; type desk commands as they are, e.g. help.`,
        ),
      ]);
      return;
    }
    const conv = await this.conversation();
    if (/^\d+$/.test(cmd)) return this.press(conv, Number(cmd));
    await this.show(conv, await this.deps.desk.runLine(conv, cmd));
  }

  private async become(name: string): Promise<void> {
    const problem = name === '' ? 'say who: /as <name>' : checkShellName(name);
    if (problem) {
      this.deps.console.print([this.deps.paint('red', `✗ ${problem}`)]);
      return;
    }
    this.user = name;
    const { actor } = await this.conversation();
    const who = actor
      ? `signed in as ${actor.username} (${actor.role}).`
      : 'not signed in: run `login` if you have an account, or `register`.';
    const waiting = this.deps.board.get(name);
    const messages = this.deps.inbox?.become(name) ?? [];
    this.deps.console.print([
      `You are now ${name}, ${who}`,
      ...(messages.length ? [this.deps.paint('dim', 'Messages while you were away:'), ...messages] : []),
      ...(waiting.length
        ? [this.deps.paint('dim', 'Buttons of the last reply you got:'), ...renderButtons(waiting, this.deps.paint)]
        : []),
    ]);
  }

  private async help(): Promise<void> {
    this.deps.console.print([
      this.deps.paint('bold', 'Shell'),
      '  /as <name>   be someone else (a shell account; sign it in once with login or register)',
      '  <number>     press that button of the last reply, e.g. 1',
      '  /help        this help        /quit   leave',
      '  Desk commands work with or without /cqms: `queue`, `/cqms show 12`.',
    ]);
    const conv = await this.conversation();
    await this.show(conv, this.deps.desk.help(conv));
  }

  private async press(conv: Conversation, n: number): Promise<void> {
    const buttons = this.deps.board.get(this.user);
    const button = buttons[n - 1];
    if (!button) {
      const had =
        buttons.length === 0
          ? 'the last reply had no buttons'
          : buttons.length === 1
            ? 'the last reply had only [1]'
            : `the last reply had [1] to [${buttons.length}]`;
      this.deps.console.print([this.deps.paint('red', `✗ There is no button [${n}]: ${had}.`)]);
      return;
    }
    await this.show(conv, await this.deps.desk.press(conv, decodeAction(button.actionId)));
  }

  /** Prints a reply; a form in it is filled field by field and submitted, and its answer shown in turn. */
  private async show(conv: Conversation, reply: Reply): Promise<void> {
    const form = reply.views.find((v): v is FormView => v.kind === 'form');
    const rest: Reply = { ...reply, views: reply.views.filter((v) => v !== form) };
    const { lines, buttons } = await this.deps.printer.lines(rest);
    this.deps.console.print(lines);
    this.deps.board.set(this.user, buttons);
    if (!form) return;
    const io = { reader: this.deps.reader, print: (l: string[]) => this.deps.console.print(l), paint: this.deps.paint };
    const answer = await fillForm(form, io, (values) => this.deps.desk.submit(conv, form.formId, values, form.queryId));
    if (answer) await this.show(conv, answer);
  }

  private conversation(): Promise<Conversation> {
    return this.deps.desk.conversation(shellAccount(this.user));
  }

  private async prompt(): Promise<string> {
    try {
      const { actor } = await this.conversation();
      return `${this.user}${actor ? ` (${actor.role})` : ''}> `;
    } catch {
      return `${this.user}> `;
    }
  }
}
