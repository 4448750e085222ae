const INDIAN_MOBILE = /^[6-9]\d{9}$/;

/**
 * Spreadsheet exports turn numbers into floats ("9876543210.0") and people type +91, 0 and separators:
 * keep the digits and take the last ten, the subscriber number in India's numbering plan.
 */
export function normalizeMobile(raw: string): string {
  const trimmed = raw.trim().replace(/\.0$/, '');
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 10 ? digits.slice(-10) : digits;
}

export function isValidIndianMobile(normalized: string): boolean {
  return INDIAN_MOBILE.test(normalized);
}

/**
 * A mobile as the support channel shows it: every digit but the last four hidden (`••••••3210`), so a
 * channel full of staff and guests does not collect clients' numbers; `show` has the whole number for staff.
 */
export function maskMobile(mobile: string): string {
  const chars = Array.from(mobile);
  const kept = chars.length > 4 ? chars.slice(-4).join('') : '';
  return `${'•'.repeat(chars.length - kept.length)}${kept}`;
}
