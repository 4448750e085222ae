import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { firstInvalidUtf8, unfinishedTail } from './utf8-scan';

const b = (...x: number[]) => Uint8Array.from(x);

describe('firstInvalidUtf8', () => {
  it('finds the first byte that starts no character', () => {
    expect(firstInvalidUtf8(Buffer.from('naïve café — 日本 😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe9, 0x63]))).toBe(2); // Latin-1 é
    expect(firstInvalidUtf8(b(0xc0, 0xaf))).toBe(0); // overlong '/'
    expect(firstInvalidUtf8(b(0x61, 0xed, 0xa0, 0x80))).toBe(1); // a surrogate
    expect(firstInvalidUtf8(b(0xf4, 0x90, 0x80, 0x80))).toBe(0); // past U+10FFFF
    expect(firstInvalidUtf8(b(0x61, 0xe2, 0x82))).toBe(1); // cut short
  });

  it('agrees with Node on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => (firstInvalidUtf8(bytes) === -1) === isUtf8(bytes)),
    );
  });
});

describe('unfinishedTail', () => {
  it('holds back only a character the next chunk may finish', () => {
    const euro = [0xe2, 0x82, 0xac];
    expect(unfinishedTail(b(0x61, ...euro))).toBe(0);
    expect(unfinishedTail(b(0x61, 0xe2, 0x82))).toBe(2);
    expect(unfinishedTail(b(0x61, 0xf0))).toBe(1);
    expect(unfinishedTail(b(0x61))).toBe(0);
  });
});
