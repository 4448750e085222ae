import fc from 'fast-check';
import { flagMobile } from './mobile-flag';

/** The rule re-stated the slow, obvious way, to check the real one against. */
function oracle(raw: string): { mobile: string; valid: boolean } {
  let s = raw.trim();
  if (s.endsWith('.0')) s = s.slice(0, -2);
  let digits = '';
  for (const c of s) if (c >= '0' && c <= '9') digits += c;
  if (digits.length >= 10) digits = digits.substring(digits.length - 10);
  const valid = digits.length === 10 && '6789'.includes(digits.charAt(0));
  return { mobile: digits, valid };
}

const digit = fc.constantFrom(...'0123456789');
const subscriber = fc
  .tuple(fc.constantFrom('6', '7', '8', '9'), fc.array(digit, { minLength: 9, maxLength: 9 }))
  .map(([a, b]) => a + b.join(''));
const prefix = fc.constantFrom('', '+91', '+91 ', '+91-', '91', '0', '0091 ');
const separated = (n: string) =>
  fc.constantFrom(
    n,
    `${n.slice(0, 5)} ${n.slice(5)}`,
    `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
    `(${n.slice(0, 3)}) ${n.slice(3)}`,
  );

describe('mobile flag', () => {
  it('keeps a valid subscriber number through prefixes, separators, blanks and a spreadsheet .0', () => {
    const written = subscriber.chain((n) =>
      fc.tuple(fc.constant(n), prefix, separated(n), fc.boolean(), fc.constantFrom('', ' ', '\t')),
    );
    fc.assert(
      fc.property(written, ([n, p, body, float, pad]) => {
        const r = flagMobile(`${pad}${p}${body}${float ? '.0' : ''}${pad}`);
        return r.mobile === n && r.valid;
      }),
    );
  });

  it('agrees with a plain re-statement of the rule on arbitrary text', () => {
    const text = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[ +()\-.0-9]{0,20}$/),
      fc.stringMatching(/^\s*\d{5,14}(\.0)?\s*$/),
    );
    fc.assert(fc.property(text, (s) => expect(flagMobile(s)).toEqual(oracle(s))));
  });

  it('flags numbers that start with 0-5 or are short, and keeps their digits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('0', '1', '2', '3', '4', '5'),
        fc.array(digit, { minLength: 9, maxLength: 9 }),
        (first, rest) => {
          const r = flagMobile(first + rest.join(''));
          return !r.valid && r.mobile === first + rest.join('');
        },
      ),
    );
    expect(flagMobile('987654321')).toEqual({ mobile: '987654321', valid: false });
    expect(flagMobile('')).toEqual({ mobile: '', valid: false });
    // Only a trailing ".0" is a float artefact; ".00" is two more digits, and the last ten are kept.
    expect(flagMobile('9876543210.00')).toEqual({ mobile: '7654321000', valid: true });
  });
});
