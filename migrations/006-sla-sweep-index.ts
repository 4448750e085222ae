import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The SLA sweep reads every active query once a minute. `sla_alerted` mirrors, one bit per (clock, level), the
 * levels recorded in sla_alerts (which stays the arbiter), and the index holds all the sweep reads (InnoDB
 * appends the id): the sweep walks the index range of the active statuses, never the table or the alerts.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('client_queries', 'sla_alerted', { type: DataTypes.SMALLINT, allowNull: false, defaultValue: 0 });
  await qi.addIndex(
    'client_queries',
    ['status', 'created_at', 'sla_alerted', 'first_response_ms', 'assignee_id', 'category'],
    { name: 'queries_sla_sweep' },
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('client_queries', 'queries_sla_sweep');
  await qi.removeColumn('client_queries', 'sla_alerted');
}
