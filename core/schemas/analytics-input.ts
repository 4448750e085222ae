import { z } from 'zod';
import { dateField } from './fields';
import { TREND_BUCKETS } from '../analytics/trend-buckets';

export const analyticsFilterSchema = z
  .object({
    from: dateField.optional(),
    to: dateField.optional(),
    category: z.string({ error: 'category must be text' }).trim().min(1, 'category must not be blank').optional(),
    agentId: z.coerce
      .number({ error: 'agent id must be a number' })
      .int('agent id must be a whole number')
      .positive('agent id must be positive')
      .optional(),
    bucket: z.enum(TREND_BUCKETS, { error: 'bucket must be day, week or month' }).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: '"from" must be before "to"', path: ['from'] });

export type AnalyticsFilterInput = z.output<typeof analyticsFilterSchema>;
