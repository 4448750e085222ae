import { isValidEmail, normalizeEmail } from '../domain/email';

export interface EmailFlag {
  /** Trimmed and lowercased; a malformed address is kept and flagged, never dropped. */
  email: string;
  valid: boolean;
}

export function flagEmail(raw: string): EmailFlag {
  const email = normalizeEmail(raw);
  return { email, valid: isValidEmail(email) };
}
