import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { megabytes } from '../../core/domain/image-type';
import { Conflict, ValidationFailed } from '../../core/errors';
import type { FormField, FormView, Reply } from '../../core/views/view-model';
import type { Paint } from './ansi';
import { errorLine } from './error-line';
import type { LineReader } from './line-reader';
import { renderFieldPrompt, renderFormIntro } from './render-text';

export interface FormIo {
  reader: LineReader;
  print(lines: string[]): void;
  paint: Paint;
}

const CANCEL = Symbol('cancel');
/** What askField answers besides a value. */
const SKIP = Symbol('skip');

/**
 * Fills a form field by field, then submits it. When core refuses the values, only the fields its
 * issues name are asked again; the other answers are kept. Returns null when the user cancels.
 */
export async function fillForm(
  form: FormView,
  io: FormIo,
  submit: (values: Record<string, unknown>) => Promise<Reply>,
): Promise<Reply | null> {
  io.print(renderFormIntro(form, io.paint));
  const values: Record<string, unknown> = {};
  let toAsk = form.fields;
  for (;;) {
    for (const field of toAsk) {
      const answer = await askField(field, io);
      if (answer === CANCEL) {
        io.print([io.paint('dim', `${form.title}: cancelled, nothing was sent.`)]);
        return null;
      }
      if (answer === SKIP) delete values[field.name];
      else values[field.name] = answer;
    }
    try {
      return await submit({ ...values });
    } catch (e) {
      const named = fieldsNamedBy(e, form.fields);
      if (named.length === 0) throw e;
      io.print([
        io.paint('red', `✗ ${errorLine(e)}`),
        io.paint('dim', `Please answer again: ${named.map((f) => f.label).join(', ')}.`),
      ]);
      toAsk = named;
    }
  }
}

function fieldsNamedBy(e: unknown, fields: readonly FormField[]): FormField[] {
  const names = e instanceof ValidationFailed ? e.issues.map((i) => i.field) : e instanceof Conflict ? [e.field] : [];
  return fields.filter((f) => names.includes(f.name));
}

async function askField(field: FormField, io: FormIo): Promise<unknown> {
  const { lines, prompt } = renderFieldPrompt(field, io.paint);
  io.print(lines);
  for (;;) {
    const line = await io.reader.ask(prompt, { secret: field.type === 'secret' });
    if (line === null || line.trim() === '/cancel') return CANCEL;
    const answer = field.type === 'secret' ? line : line.trim();
    if (answer === '' && !field.required) return SKIP;
    if (field.type === 'select') {
      const picked = pick(field, answer);
      if (picked !== null) return picked;
      io.print([io.paint('red', `✗ choose 1 to ${field.options?.length ?? 0}, or type the name`)]);
      continue;
    }
    if (field.type === 'file' && answer !== '') {
      const file = await readUpTo(answer, field.maxBytes);
      if (typeof file !== 'string') return { filename: basename(answer), data: file };
      io.print([io.paint('red', `✗ ${file}`)]);
      continue;
    }
    // Everything else goes to core as typed: core decides what is valid and names the problem.
    return answer;
  }
}

/** A number picks that option; any other text is passed on as typed (core names it if unknown). */
function pick(field: FormField, answer: string): string | null {
  if (!/^\d+$/.test(answer)) return answer;
  return field.options?.[Number(answer) - 1] ?? null;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};
/** When a file field states no limit: the desk's default screenshot limit. */
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A file's bytes, or why it cannot be sent: only a regular file is read, and never more than `max` bytes of
 * it, so a huge file is refused without filling memory. Opened non-blocking: opening a named pipe otherwise
 * waits for a writer that may never come. Core checks the bytes again.
 */
async function readUpTo(path: string, max = DEFAULT_MAX_BYTES): Promise<Uint8Array | string> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await fh.stat();
    if (stat.isDirectory()) return `cannot read "${path}": it is a directory`;
    if (!stat.isFile())
      return `"${path}" is not a regular file (a pipe, device or socket); give the path of an image file`;
    if (stat.size > max) return `"${path}" is ${megabytes(stat.size)}; the limit is ${megabytes(max)}`;
    // /proc files report no size: room for the limit, plus one byte to tell "more".
    const buf = Buffer.alloc(Math.min(max, stat.size > 0 ? stat.size : max) + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got)
      got = (await fh.read(buf, n, buf.length - n, null)).bytesRead;
    if (n > max) return `"${path}" is larger than ${megabytes(max)}`;
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } catch (e) {
    return `cannot read "${path}": ${READ_ERRORS[(e as NodeJS.ErrnoException).code ?? ''] ?? 'unreadable'}`;
  } finally {
    await fh?.close();
  }
}
