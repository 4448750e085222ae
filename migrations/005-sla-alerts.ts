import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * SLA alerts fired: one row per (query, clock, level). The unique key is the arbiter when several workers
 * sweep at once, and the rows are what `/cqms sla` and team analytics count.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('sla_alerts', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    query_id: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'client_queries', key: 'id' },
      onDelete: 'CASCADE',
    },
    clock: { type: DataTypes.STRING(16), allowNull: false },
    level: { type: DataTypes.STRING(16), allowNull: false },
    due_at: { type: DataTypes.BIGINT, allowNull: false },
    fired_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.addIndex('sla_alerts', ['query_id', 'clock', 'level'], { unique: true, name: 'sla_alerts_key' });
  await qi.addIndex('sla_alerts', ['fired_at'], { name: 'sla_alerts_fired' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('sla_alerts');
}
