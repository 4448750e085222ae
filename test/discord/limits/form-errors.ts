/** Discord's nested error object for 400 code 50035: keys follow the body's path, leaves hold `_errors`. */
export interface FieldError {
  code: string;
  message: string;
}

export type ErrorTree = { _errors?: FieldError[] } & { [key: string]: ErrorTree | FieldError[] | undefined };

export type Path = readonly (string | number)[];

/** Collects field errors while a body is checked; `tree` is what Discord returns under `errors`. */
export class FormErrors {
  readonly tree: ErrorTree = {};
  private count = 0;

  add(path: Path, error: FieldError): void {
    let node = this.tree;
    for (const key of path) node = (node[String(key)] ??= {}) as ErrorTree;
    (node._errors ??= []).push(error);
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }
}

/** One line per error, `embeds.0.description: BASE_TYPE_MAX_LENGTH Must be 4096 or fewer in length.` */
export function flatten(tree: ErrorTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, v]) => {
    if (key === '_errors') return (v as FieldError[]).map((e) => `${prefix || '(body)'}: ${e.code} ${e.message}`);
    return flatten(v as ErrorTree, prefix ? `${prefix}.${key}` : key);
  });
}

export const maxLength = (n: number): FieldError => ({
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${n} or fewer in length.`,
});
export const badLength = (min: number, max: number): FieldError => ({
  code: 'BASE_TYPE_BAD_LENGTH',
  message: `Must be between ${min} and ${max} in length.`,
});
export const required = (): FieldError => ({ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
export const numberMin = (n: number): FieldError => ({
  code: 'NUMBER_TYPE_MIN',
  message: `int value should be greater than or equal to ${n}.`,
});
export const numberMax = (n: number): FieldError => ({
  code: 'NUMBER_TYPE_MAX',
  message: `int value should be less than or equal to ${n}.`,
});
export const choices = (allowed: readonly number[]): FieldError => ({
  code: 'UNION_TYPE_CHOICES',
  message: `Value of field "type" must be one of (${allowed.join(', ')}).`,
});

/** A string field: required or not, within min..max characters (Discord counts UTF-16 code units too). */
export function checkText(
  errors: FormErrors,
  path: Path,
  value: unknown,
  max: number,
  opts: { required?: boolean; min?: number } = {},
): void {
  if (value === undefined || value === null) {
    if (opts.required) errors.add(path, required());
    return;
  }
  if (typeof value !== 'string')
    return errors.add(path, { code: 'STRING_TYPE_CONVERT', message: 'Could not interpret value as string.' });
  if (opts.required && value === '') return errors.add(path, required());
  const min = opts.min ?? (opts.required ? 1 : 0);
  if (value.length > max || value.length < min) errors.add(path, min > 0 ? badLength(min, max) : maxLength(max));
}

/** An array field with at most `max` (and at least `min`) items. */
export function checkCount(errors: FormErrors, path: Path, value: unknown, max: number, min = 0): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(path, { code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
    return [];
  }
  if (value.length > max || value.length < min) errors.add(path, min > 0 ? badLength(min, max) : maxLength(max));
  return value;
}
