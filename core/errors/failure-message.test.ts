import { AlreadyClaimed, StoreUnavailable, ValidationFailed } from './errors';
import { failureMessage } from './failure-message';

describe('failureMessage', () => {
  const noDefect = () => {
    throw new Error('not a defect');
  };

  it("keeps core's messages, naming each field of a validation failure", () => {
    const v = failureMessage(
      new ValidationFailed([
        { field: 'heading', message: 'heading is required' },
        { field: 'mobile', message: 'must be 10 digits' },
      ]),
      noDefect,
    );
    expect(v).toEqual({
      text: 'heading is required; mobile: must be 10 digits',
      issues: expect.any(Array),
      tone: 'warning',
    });
    expect(failureMessage(new AlreadyClaimed(4, { id: 1, name: 'Ann' }), noDefect)).toEqual({
      text: 'Query #4 is already claimed by Ann.',
      issues: [],
      tone: 'warning',
    });
    expect(failureMessage(new StoreUnavailable(), noDefect).tone).toBe('danger');
  });

  it('shows a defect only as a reference, and hands the detail to the sink under the same reference', () => {
    const seen: [string, unknown][] = [];
    const boom = new TypeError("Cannot read properties of undefined (reading 'id')");
    const m = failureMessage(boom, (ref, e) => seen.push([ref, e]));
    expect(m.text).toBe(`Something went wrong (ref ${m.ref}). Nothing was changed; please try again.`);
    expect(m.ref).toMatch(/^[0-9A-F]{4}$/);
    expect(seen).toEqual([[m.ref, boom]]);
    expect(m.text).not.toContain('Cannot read');
  });
});
