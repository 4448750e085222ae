import { QueryTypes, type Sequelize } from 'sequelize';
import type { DatabaseGauges } from './metrics';
import type { ReadinessCheck } from './readiness';

/** Readiness and gauges over the store's own connection pool: SELECT 1, the outbox backlog, SLA alerts by level. */
export function databaseProbe(sequelize: Sequelize): ReadinessCheck & DatabaseGauges {
  const count = async (sql: string) =>
    await sequelize.query<{ level?: string; n: number | string }>(sql, { type: QueryTypes.SELECT, logging: false });
  return {
    name: 'database',
    async check() {
      await sequelize.query('SELECT 1', { type: QueryTypes.SELECT, logging: false });
    },
    async outboxBacklog() {
      const [row] = await count('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
      return Number(row?.n ?? 0);
    },
    async slaAlerts() {
      const out: Record<string, number> = { warning: 0, breach: 0 };
      for (const r of await count('SELECT level, COUNT(*) AS n FROM sla_alerts GROUP BY level'))
        if (r.level) out[r.level] = Number(r.n);
      return out;
    },
  };
}
