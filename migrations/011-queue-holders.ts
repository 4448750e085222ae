import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Processes that run outbox jobs in their own memory (no Redis) register here and beat, so that when one is
 * gone (a crash, a kill) another process, or its own restart, runs the rows it held at once instead of after
 * the 10-minute redelivery.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('queue_holders', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    /** Which OS process: machine, pid and start time, as adapters/queue/process-identity.ts writes them. */
    process: { type: DataTypes.STRING(255), allowNull: false },
    seen_at: { type: DataTypes.BIGINT, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('queue_holders');
}
