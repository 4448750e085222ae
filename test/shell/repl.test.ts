import { PassThrough, Readable } from 'node:stream';
import { painter } from '../../adapters/shell/ansi';
import { ArtifactWriter } from '../../adapters/shell/artifact-writer';
import { LineReader } from '../../adapters/shell/line-reader';
import { ReplyPrinter } from '../../adapters/shell/reply-printer';
import { ShellRepl } from '../../adapters/shell/shell-repl';
import { ButtonBoard, ShellConsole } from '../../adapters/shell/shell-console';
import type { Desk } from '../../core/conversation/desk';
import { ValidationFailed } from '../../core/errors';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { ephemeral, text, type FormView, type Reply } from '../../core/views/view-model';

const form: FormView = {
  kind: 'form',
  formId: 'new',
  title: 'Raise a query',
  submitLabel: 'Submit',
  fields: [
    { name: 'heading', label: 'Heading', type: 'text', required: true },
    { name: 'screenshot', label: 'Screenshot', type: 'file', required: false },
  ],
};

/** A desk that answers from a script, to drive the REPL's own behaviour: defects, forms, end of input. */
function stubDesk(runLine: (line: string) => Promise<Reply>, submitted: Record<string, unknown>[]): Desk {
  return {
    conversation: async (account: unknown) => ({ account, actor: null }),
    runLine: async (_conv: unknown, line: string) => runLine(line),
    help: () => ephemeral(text('help')),
    submit: async (_c: unknown, _f: unknown, values: Record<string, unknown>) => {
      submitted.push(values);
      if (values.heading === 'bad') throw ValidationFailed.field('heading', 'heading is bad');
      return ephemeral(text('sent', 'success'));
    },
  } as unknown as Desk;
}

async function session(desk: Desk, lines: string[]) {
  const output = new PassThrough();
  let out = '';
  output.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const defects: unknown[] = [];
  const paint = painter(false);
  const noCharts: ChartRenderer = { render: async () => Promise.reject(new Error('unused')) };
  await new ShellRepl({
    desk,
    reader: new LineReader({
      input: Readable.from([lines.map((l) => `${l}\n`).join('')]),
      output,
      terminal: false,
      echo: true,
    }),
    console: new ShellConsole(output),
    printer: new ReplyPrinter(
      paint,
      new ArtifactWriter(noCharts, { chartsDir: '/nonexistent', exportsDir: '/nonexistent' }),
    ),
    board: new ButtonBoard(),
    paint,
    onDefect: (_ref, e) => defects.push(e),
  }).run();
  return { out, defects };
}

describe('the shell REPL', () => {
  it('shows a defect as a reference only, and hands the error to the log', async () => {
    const boom = new TypeError('secret internals at /srv/app.js:1:2');
    const { out, defects } = await session(
      stubDesk(() => Promise.reject(boom), []),
      ['queue', 'whoami'],
    );
    expect(
      out.match(/✗ Something went wrong \(ref [0-9A-F]{4}\)\. Nothing was changed; please try again\.\n/g),
    ).toHaveLength(2);
    expect(out).not.toMatch(/secret|TypeError|app\.js/);
    expect(defects).toEqual([boom, boom]);
  });

  it('re-asks a file it cannot read, keeps answers across a refusal, and stops at the end of input', async () => {
    const submitted: Record<string, unknown>[] = [];
    const { out } = await session(
      stubDesk(async () => ephemeral(form), submitted),
      ['new', 'bad', '/no/such/file.png', '', 'good', 'new', 'half'],
    );
    expect(out).toContain('✗ cannot read "/no/such/file.png": no such file');
    expect(out).toContain('✗ heading is bad\nPlease answer again: Heading.');
    expect(submitted).toEqual([{ heading: 'bad' }, { heading: 'good' }]);
    expect(out).toContain('✓ sent');
    // The second form runs out of input half-way: nothing is sent.
    expect(out).toMatch(/Screenshot: \nRaise a query: cancelled, nothing was sent\.\nguest> \n$/);
    expect(submitted).toHaveLength(2);
  });
});
