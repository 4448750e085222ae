/**
 * Where a byte sequence stops being UTF-8: the offset of the first byte that starts no valid character
 * (overlong forms, surrogates and code points past U+10FFFF included), or -1. A sequence cut short by the end
 * of `b` counts as invalid; callers hold back a chunk's unfinished tail with `unfinishedTail`.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    // The second byte's range is narrower after E0 (overlong), ED (surrogates), F0 (overlong) and F4 (> U+10FFFF).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return -1;
}

/** How many bytes at the end of `b` begin a character that the next chunk may finish (0 to 3). */
export function unfinishedTail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}
