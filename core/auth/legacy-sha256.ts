import { createHash, timingSafeEqual } from 'node:crypto';

/** The seed system stored hashlib.sha256(password).hexdigest(): unsalted, accepted once then upgraded. */
export function verifyLegacySha256(storedHex: string, password: string): boolean {
  const expected = Buffer.from(storedHex.trim().toLowerCase(), 'hex');
  const actual = createHash('sha256').update(password, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function isSha256Hex(s: string): boolean {
  return /^[0-9a-f]{64}$/i.test(s.trim());
}
