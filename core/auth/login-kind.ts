import { normalizeEmail } from '../domain/email';
import { isValidIndianMobile, normalizeMobile } from '../domain/mobile';

/** One login box takes a username, an email or a mobile; this decides which the user typed. */
export function classifyLogin(raw: string): { username?: string; email?: string; mobile?: string } {
  const s = raw.trim();
  if (s.includes('@')) return { email: normalizeEmail(s) };
  if (/^[+\d][\d\s().-]*$/.test(s)) {
    const m = normalizeMobile(s);
    if (isValidIndianMobile(m)) return { mobile: m };
  }
  return { username: s.toLowerCase() };
}
