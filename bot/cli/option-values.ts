import { InvalidArgumentError } from 'commander';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * A commander parser for a whole-number option: anything else is a usage mistake, reported by commander with the
 * option's name (`option '--rows <n>' argument 'lots' is invalid. ...`) and exit status 2.
 */
export function wholeNumber(min: number, max: number): (text: string) => number {
  return (text) => {
    const v = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new InvalidArgumentError(`It must be a whole number from ${n(min)} to ${n(max)}.`);
    }
    return v;
  };
}
