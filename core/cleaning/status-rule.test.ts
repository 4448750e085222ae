import fc from 'fast-check';
import { normalizeStatus, STATUS_SPELLINGS } from './status-rule';

// Written out again here, not imported, so a change to the rule's table has to be made twice.
const EXPECTED: Record<string, string> = {
  open: 'Open',
  opened: 'Open',
  new: 'Open',
  pending: 'Open',
  'in progress': 'In Progress',
  'in-progress': 'In Progress',
  in_progress: 'In Progress',
  inprogress: 'In Progress',
  assigned: 'In Progress',
  working: 'In Progress',
  closed: 'Closed',
  close: 'Closed',
  resolved: 'Closed',
  done: 'Closed',
  completed: 'Closed',
};

const blank = fc.stringMatching(/^[ \t]{0,3}$/);
const anyCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((up) => [...s].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));

describe('status rule', () => {
  it('accepts exactly the listed spellings', () => {
    expect(Object.fromEntries(STATUS_SPELLINGS)).toEqual(EXPECTED);
  });

  it('maps every listed spelling in any case with surrounding blanks', () => {
    const spelled = fc
      .constantFrom(...Object.keys(EXPECTED))
      .chain((name) => fc.tuple(fc.constant(name), anyCase(name), blank, blank));
    fc.assert(
      fc.property(
        spelled,
        ([name, cased, before, after]) => normalizeStatus(`${before}${cased}${after}`) === EXPECTED[name],
      ),
    );
  });

  it('rejects anything that is not a listed spelling once trimmed and lowercased', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!(s.trim().toLowerCase() in EXPECTED));
        return normalizeStatus(s) === null;
      }),
    );
  });

  it.each(['In  Progress', 'in progress.', 'closedd', 'reopened', '', 'Open Closed'])('rejects %j', (s) => {
    expect(normalizeStatus(s)).toBeNull();
  });
});
