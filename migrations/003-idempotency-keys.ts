import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Keys of requests already handled (a Slack modal's view id, a Discord interaction id), so a request
 * delivered twice acts once, across restarts and across processes.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('idempotency_keys', {
    // 191 characters keeps the unique index within InnoDB's limit under utf8mb4.
    key: { type: DataTypes.STRING(191), allowNull: false, primaryKey: true },
    created_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.addIndex('idempotency_keys', ['created_at'], { name: 'idempotency_keys_created' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('idempotency_keys');
}
