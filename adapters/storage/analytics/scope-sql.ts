import type { AnalyticsScope, SlaCutoffs } from '../../../core/ports/analytics-store';

export type Binds = Record<string, unknown>;

/** WHERE clause and bind values for an analytics scope over client_queries. */
export function scopeSql(scope: AnalyticsScope, binds: Binds): string {
  const parts = ['1 = 1'];
  if (scope.from) {
    parts.push('created_at >= :from');
    binds.from = scope.from.getTime();
  }
  if (scope.to) {
    parts.push('created_at < :to');
    binds.to = scope.to.getTime();
  }
  if (scope.category) {
    parts.push('category = :category');
    binds.category = scope.category;
  }
  if (scope.agentId !== undefined) {
    parts.push('assignee_id = :agentId');
    binds.agentId = scope.agentId;
  }
  if (scope.clientId !== undefined) {
    parts.push('client_id = :clientId');
    binds.clientId = scope.clientId;
  }
  return parts.join(' AND ');
}

/** A per-category target as SQL: one CASE over the overridden categories, else the default. */
export function targetSql(sla: SlaCutoffs, clock: 'firstResponseMs' | 'resolutionMs', binds: Binds): string {
  const dflt = `:${clock}Default`;
  binds[`${clock}Default`] = sla.default[clock];
  if (sla.byCategory.size === 0) return dflt;
  const whens = [...sla.byCategory.entries()].map(([category, t], i) => {
    binds[`${clock}Cat${i}`] = category;
    binds[`${clock}Val${i}`] = t[clock];
    return `WHEN :${clock}Cat${i} THEN :${clock}Val${i}`;
  });
  return `(CASE category ${whens.join(' ')} ELSE ${dflt} END)`;
}
