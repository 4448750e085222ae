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
