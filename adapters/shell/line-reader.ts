import { createInterface, type Interface } from 'node:readline';
import { visible } from './ansi';

export interface LineReaderOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Line editing and history, when both ends are a terminal. */
  terminal: boolean;
  /** Writes each line read after its prompt, so a piped session reads like a typed one. */
  echo: boolean;
}

/**
 * Lines from node:readline, asked one at a time. Lines that arrive before they are asked for (a
 * script piped in) are buffered by the async iterator, never dropped.
 */
export class LineReader {
  private readonly rl: Interface;
  private readonly lines: AsyncIterator<string>;
  /** readline closes at the end of input, while lines it already read may still wait to be asked for. */
  private closed = false;

  constructor(private readonly io: LineReaderOptions) {
    this.rl = createInterface({
      input: io.input,
      output: io.output,
      terminal: io.terminal,
      historySize: io.terminal ? 200 : 0,
    });
    this.rl.on('SIGINT', () => this.close());
    this.rl.on('close', () => (this.closed = true));
    this.lines = this.rl[Symbol.asyncIterator]();
  }

  /** The next line, or null at the end of input. `secret` only keeps an echoed line off the transcript. */
  async ask(prompt: string, opts: { secret?: boolean } = {}): Promise<string | null> {
    if (this.closed) this.io.output.write(prompt);
    else {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    }
    const next = await this.lines.next();
    if (next.done) {
      this.io.output.write('\n');
      return null;
    }
    if (this.io.echo)
      this.io.output.write(`${opts.secret ? '*'.repeat(Math.min(next.value.length, 12)) : visible(next.value)}\n`);
    return next.value;
  }

  close(): void {
    if (!this.closed) this.rl.close();
    this.closed = true;
  }
}
