import { CsvInputError } from './csv-input-error';

const shown = (names: readonly string[]) => {
  const text = names.map((n) => JSON.stringify(n)).join(', ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/**
 * Finds each required column in a header (trimmed, case-insensitive; extra columns are allowed)
 * and returns its position, or says in one line which are missing.
 */
export function locateColumns<C extends string>(
  file: string,
  header: readonly string[],
  required: readonly C[],
  hint = '',
): Record<C, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const repeated = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (repeated) throw new CsvInputError(`${file}: the header names the column "${repeated}" twice`);
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new CsvInputError(
      `${file}: missing required column(s) ${missing.join(', ')}; the header has ${shown(header)}${hint}`,
    );
  }
  return Object.fromEntries(required.map((c) => [c, names.indexOf(c)])) as Record<C, number>;
}
