import { z } from 'zod';
import { businessCalendarSchema } from './business-calendar';

const HOUR_MS = 3_600_000;

const targets = z.object({
  firstResponseHours: z.number().positive(),
  resolutionHours: z.number().positive(),
});

export const slaPolicySchema = z.object({
  default: targets,
  /** Per-category overrides; a missing clock falls back to the default. */
  categories: z.record(z.string(), targets.partial()).default({}),
  /** Fraction of a target at which a warning is due. */
  warnAt: z.number().gt(0).lt(1).default(0.8),
  /** When set, the clocks run only in these working hours; without it they run on wall time. */
  businessHours: businessCalendarSchema.optional(),
});

export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  default: { firstResponseHours: 4, resolutionHours: 72 },
  categories: {},
  warnAt: 0.8,
};

export interface SlaTargetsMs {
  firstResponseMs: number;
  resolutionMs: number;
}

export function targetsFor(policy: SlaPolicy, category: string): SlaTargetsMs {
  const o = policy.categories[category] ?? {};
  return {
    firstResponseMs: (o.firstResponseHours ?? policy.default.firstResponseHours) * HOUR_MS,
    resolutionMs: (o.resolutionHours ?? policy.default.resolutionHours) * HOUR_MS,
  };
}

/** Targets in milliseconds for every category with an override, plus the default: what stores need to count breaches. */
export function targetTable(policy: SlaPolicy): { default: SlaTargetsMs; byCategory: Map<string, SlaTargetsMs> } {
  const byCategory = new Map<string, SlaTargetsMs>();
  for (const category of Object.keys(policy.categories)) byCategory.set(category, targetsFor(policy, category));
  const d = policy.default;
  return {
    default: { firstResponseMs: d.firstResponseHours * HOUR_MS, resolutionMs: d.resolutionHours * HOUR_MS },
    byCategory,
  };
}
