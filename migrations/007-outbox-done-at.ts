import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * A relayed row is `sent` once its job is in Redis, and `done` once the job has run. A Redis that loses data
 * (no AOF, a failover) loses the job: rows sent but not done after a while are relayed again, under the same
 * job id, so BullMQ ignores the copy while the job still exists. The index holds just the rows not done.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('outbox', 'done_at', { type: DataTypes.BIGINT, allowNull: true });
  await qi.addIndex('outbox', ['done_at', 'sent_at'], { name: 'outbox_undone' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('outbox', 'outbox_undone');
  await qi.removeColumn('outbox', 'done_at');
}
