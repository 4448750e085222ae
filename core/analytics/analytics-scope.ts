import type { SlaPolicy } from '../sla/sla-policy';
import { targetTable } from '../sla/sla-policy';
import type { AnalyticsScope, SlaCutoffs } from '../ports/analytics-store';
import type { AnalyticsRange } from './analytics-types';
import type { AnalyticsFilterInput } from '../schemas/analytics-input';

export function scopeOf(f: AnalyticsFilterInput, extra: Partial<AnalyticsScope> = {}): AnalyticsScope {
  const scope: AnalyticsScope = { ...extra };
  if (f.from) scope.from = f.from;
  if (f.to) scope.to = f.to;
  if (f.category) scope.category = f.category;
  return scope;
}

export function rangeOf(f: AnalyticsFilterInput, now: Date): AnalyticsRange {
  return { from: f.from ?? null, to: f.to ?? null, category: f.category ?? null, bucket: f.bucket, generatedAt: now };
}

export function cutoffsOf(policy: SlaPolicy, now: Date): SlaCutoffs {
  const t = targetTable(policy);
  return { now, default: t.default, byCategory: t.byCategory };
}
