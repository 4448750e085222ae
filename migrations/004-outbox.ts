import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Jobs written in the same transaction as the change they announce; a relay moves them to the queue.
 * A lease (owner, until) lets several relays race without taking one row twice.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('outbox', {
    id: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true, autoIncrement: true },
    job: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.BIGINT, allowNull: false },
    sent_at: { type: DataTypes.BIGINT, allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    lease_owner: { type: DataTypes.STRING(64), allowNull: true },
    lease_until: { type: DataTypes.BIGINT, allowNull: true },
  });
  await qi.addIndex('outbox', ['sent_at', 'id'], { name: 'outbox_pending' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('outbox');
}
