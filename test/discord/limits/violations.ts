import { flatten } from './form-errors';
import type { Refusal } from './refusals';

/** A request Discord would have refused, as the fake answered it. */
export interface Violation {
  method: string;
  path: string;
  refusal: Refusal;
}

export interface ExpectedRefusal {
  code: number;
  method?: string;
  path?: RegExp;
}

export function describeViolation(v: Violation): string {
  const { status, body } = v.refusal;
  const fields = body.errors
    ? flatten(body.errors)
        .map((l) => `\n    ${l}`)
        .join('')
    : '';
  return `${v.method} ${v.path.replace(/\/[A-Za-z0-9_-]{40,}/g, '/<token>')} -> ${status} ${body.code} ${body.message}${fields}`;
}

/**
 * Every refusal the fake gave, and those a test declared it expects. Each declaration excuses one matching
 * refusal; the rest are handed out once (to the hook or teardown that fails the test).
 */
export class ViolationLedger {
  readonly all: Violation[] = [];
  private readonly expected: ExpectedRefusal[] = [];
  private reported = 0;
  private readonly excused = new Set<Violation>();

  record(v: Violation): void {
    this.all.push(v);
    const i = this.expected.findIndex(
      (e) => e.code === v.refusal.body.code && (!e.method || e.method === v.method) && (!e.path || e.path.test(v.path)),
    );
    if (i >= 0) {
      this.expected.splice(i, 1);
      this.excused.add(v);
    }
  }

  expect(e: ExpectedRefusal): void {
    this.expected.push(e);
  }

  /** Refusals not declared and not yet handed out. */
  takeUnexpected(): Violation[] {
    const fresh = this.all.slice(this.reported).filter((v) => !this.excused.has(v));
    this.reported = this.all.length;
    return fresh;
  }
}
