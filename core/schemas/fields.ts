import { z } from 'zod';
import { readCalendarDate } from '../domain/calendar-date';
import { isValidEmail, normalizeEmail } from '../domain/email';
import { isValidIndianMobile, normalizeMobile } from '../domain/mobile';

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);
}

export const emailField = z
  .string({ error: 'email is required' })
  .transform(normalizeEmail)
  .refine((e) => e.length > 0, 'email is required')
  .refine(isValidEmail, 'email is not a valid address (expected name@domain.tld)');

export const mobileField = z
  .string({ error: 'mobile is required' })
  .transform(normalizeMobile)
  .refine((m) => m.length > 0, 'mobile is required')
  .refine(isValidIndianMobile, 'mobile must be a 10-digit Indian mobile number starting with 6, 7, 8 or 9');

export const queryIdField = z.coerce
  .number({ error: 'query id must be a number' })
  .int('query id must be a whole number')
  .positive('query id must be positive');

export const passwordField = z
  .string({ error: 'password is required' })
  .min(8, 'password must be at least 8 characters')
  .max(128, 'password must be at most 128 characters');

export const usernameField = z
  .string({ error: 'username is required' })
  .trim()
  .toLowerCase()
  .min(3, 'username must be at least 3 characters')
  .max(32, 'username must be at most 32 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'username may hold only letters, digits, dot, dash and underscore');

/** Accepts a Date, `YYYY-MM-DD` (midnight UTC) or a full ISO timestamp; a date that does not exist is refused. */
export const dateField = z
  .union([z.date(), z.string().trim()], { error: 'a date must be written YYYY-MM-DD' })
  .transform((v, ctx) => {
    if (v instanceof Date) return v;
    const read = readCalendarDate(v);
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', message: read.reason });
      return z.NEVER;
    }
    return read.date;
  });
