import fc from 'fast-check';
import { ValidationFailed } from '../errors';
import { findCommand } from './catalog';
import { parseArgs, tokenize } from './parse-command-line';

const spec = (n: string) => findCommand(n)!;

describe('command line parsing', () => {
  it('tokenizes with quotes', () => {
    expect(tokenize(`close 42 note="fixed it, \\"finally\\"" 'a b'`)).toEqual([
      'close',
      '42',
      'note=fixed it, "finally"',
      'a b',
    ]);
    expect(tokenize('  ')).toEqual([]);
    expect(tokenize('x ""')).toEqual(['x', '']);
    expect(() => tokenize('say "unclosed')).toThrow(/double quote is not closed/);
  });

  it('fills positional options, then named ones', () => {
    expect(parseArgs(spec('rate'), ['42', '5', 'comment=great'])).toEqual({ id: '42', rating: '5', comment: 'great' });
    expect(parseArgs(spec('close'), ['42', '--note', 'done'])).toEqual({ id: '42', note: 'done' });
    expect(parseArgs(spec('mine'), ['status=In Progress', '--category=Bug Report'])).toEqual({
      status: 'In Progress',
      category: 'Bug Report',
    });
  });

  it('names what is wrong', () => {
    expect(() => parseArgs(spec('claim'), ['42', 'extra'])).toThrow(/unexpected "extra"/);
    expect(() => parseArgs(spec('claim'), ['priority=high'])).toThrow(/"claim" has no option "priority"; it takes: id/);
    expect(() => parseArgs(spec('mine'), ['status=Open', 'status=Closed'])).toThrow(ValidationFailed);
    expect(() => parseArgs(spec('close'), ['42', '--note'])).toThrow(/needs a value/);
  });

  it('never throws anything but ValidationFailed on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        try {
          parseArgs(spec('mine'), tokenize(line));
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationFailed);
        }
      }),
    );
  });
});
