import { leakIn } from './hostile-support';

describe('the leak detector the fuzz suites rely on', () => {
  it('finds stack frames, error dumps, source paths and internal words', () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(leakIn(String(e.stack))).toMatch(/stack frame|error class/);
    expect(leakIn('Something failed: TypeError: x is not a function')).toMatch(/error class/);
    expect(leakIn('Error: connect ECONNREFUSED')).toMatch(/error class/);
    expect(leakIn('see /work/main/adapters/slack/listeners.ts:12:3')).toMatch(/source path/);
    expect(leakIn('Query #undefined raised')).toMatch(/internal words/);
    expect(leakIn('[object Object] is not a category')).toMatch(/internal words/);
  });

  it('passes the replies users should get', () => {
    for (const ok of [
      'Query #12 raised with screenshot card.png.',
      '✗ screenshot: the file is 5.1 MB; the limit is 5.0 MB',
      'Unknown command "at". Here is what you can run:',
      'An error occurred; reference r-1a2b.',
    ]) {
      expect(leakIn(ok)).toBeNull();
    }
    expect(leakIn('value is undefined in the log', 'log')).toBeNull();
  });
});
