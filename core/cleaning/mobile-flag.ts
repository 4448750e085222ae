import { isValidIndianMobile, normalizeMobile } from '../domain/mobile';

export interface MobileFlag {
  /** Digits only, the last ten when there were more; kept even when invalid so nothing is lost. */
  mobile: string;
  valid: boolean;
}

export function flagMobile(raw: string): MobileFlag {
  const mobile = normalizeMobile(raw);
  return { mobile, valid: isValidIndianMobile(mobile) };
}
