/** One broken rule, as Slack names it in `response_metadata.messages`: what is wrong, and where (a JSON pointer). */
export interface Issue {
  pointer: string;
  message: string;
}

/** What the fake answers instead of `{ ok: true }`. */
export interface Refusal {
  error: string;
  messages: string[];
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Collects the issues of one payload in Slack's wording (`[ERROR] must be less than 3001 characters
 * [json-pointer:/blocks/0/text/text]`). Lengths are UTF-16 code units: never fewer than the characters Slack
 * counts, so what passes here passes there.
 */
export class Issues {
  readonly list: Issue[] = [];

  add(pointer: string, message: string): void {
    this.list.push({ pointer, message });
  }

  /** A string of at most `max` (and at least `min`) characters; absent is fine unless `required`. */
  text(v: unknown, pointer: string, max: number, o: { min?: number; required?: boolean } = {}): void {
    if (v === undefined) {
      if (o.required) this.add(pointer, 'missing required field');
      return;
    }
    if (typeof v !== 'string') return this.add(pointer, 'must be a string');
    if (v.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
    if (v.length < (o.min ?? 0)) this.add(pointer, `must be more than ${(o.min ?? 0) - 1} characters`);
  }

  /** An array of at most `max` (at least `min`) items. */
  items(v: unknown, pointer: string, max: number, o: { min?: number; required?: boolean } = {}): unknown[] {
    if (v === undefined) {
      if (o.required) this.add(pointer, 'missing required field');
      return [];
    }
    if (!Array.isArray(v)) {
      this.add(pointer, 'must be an array');
      return [];
    }
    if (v.length > max) this.add(pointer, `no more than ${max} items allowed`);
    if (v.length < (o.min ?? 0)) this.add(pointer, `must provide at least ${o.min} items`);
    return v;
  }

  /** An integer within min..max. */
  int(v: unknown, pointer: string, min: number, max: number): void {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.add(pointer, 'must be an integer');
    if (v < min) this.add(pointer, `must be greater than or equal to ${min}`);
    if (v > max) this.add(pointer, `must be less than or equal to ${max}`);
  }

  messages(): string[] {
    return this.list.map((i) => `[ERROR] ${i.message} [json-pointer:${i.pointer}]`);
  }
}
