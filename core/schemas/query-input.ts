import { z } from 'zod';
import { QUERY_STATUSES } from '../domain/status';
import { dateField, mobileField, queryIdField, requiredText } from './fields';

export const HEADING_MAX = 120;
export const DESCRIPTION_MAX = 4000;
export const RESOLUTION_NOTE_MAX = 4000;
export const REVIEW_COMMENT_MAX = 1000;

export interface ScreenshotInput {
  filename: string;
  /** What the sender declared; the stored type comes from the bytes. */
  contentType?: string;
  data: Uint8Array;
}

export function newQuerySchema(categories: readonly string[]) {
  return z.object({
    category: z
      .string({ error: 'category is required' })
      .trim()
      .min(1, 'category is required')
      .transform((c, ctx) => {
        const match = categories.find((k) => k.toLowerCase() === c.toLowerCase());
        if (!match) {
          ctx.addIssue({
            code: 'custom',
            message: `"${c}" is not a category; choose one of: ${categories.join(', ')}`,
          });
          return z.NEVER;
        }
        return match;
      }),
    heading: requiredText('heading', HEADING_MAX),
    description: requiredText('description', DESCRIPTION_MAX),
    /** Optional when the account already has a mobile number. */
    mobile: mobileField.optional(),
    screenshot: z
      .custom<ScreenshotInput>((v) => isScreenshotShape(v), 'screenshot must be an uploaded file')
      .optional(),
  });
}

function isScreenshotShape(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.filename === 'string' && o.data instanceof Uint8Array;
}

export type NewQueryInput = z.output<ReturnType<typeof newQuerySchema>>;

export const closeQuerySchema = z.object({
  queryId: queryIdField,
  note: requiredText('resolution note', RESOLUTION_NOTE_MAX),
});

export const reviewSchema = z.object({
  queryId: queryIdField,
  rating: z.coerce
    .number({ error: 'rating must be a number from 1 to 5' })
    .int('rating must be a whole number from 1 to 5')
    .min(1, 'rating must be from 1 to 5')
    .max(5, 'rating must be from 1 to 5'),
  comment: z
    .string({ error: 'comment must be text' })
    .trim()
    .max(REVIEW_COMMENT_MAX, `comment must be at most ${REVIEW_COMMENT_MAX} characters`)
    .optional(),
});

export const queryFilterSchema = z
  .object({
    status: z.enum(QUERY_STATUSES, { error: `status must be one of: ${QUERY_STATUSES.join(', ')}` }).optional(),
    category: z.string({ error: 'category must be text' }).trim().min(1, 'category must not be blank').optional(),
    from: dateField.optional(),
    to: dateField.optional(),
    page: z.coerce
      .number({ error: 'page must be a number' })
      .int('page must be a whole number')
      .min(1, 'page must be 1 or more')
      .default(1),
    pageSize: z.coerce
      .number({ error: 'page size must be a number' })
      .int('page size must be a whole number')
      .min(1, 'page size must be 1 or more')
      .max(100, 'page size must be at most 100')
      .default(10),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: '"from" must be before "to"', path: ['from'] });

export type QueryFilterInput = z.output<typeof queryFilterSchema>;
