import { DataTypes, type QueryInterface } from 'sequelize';

/** Where each query's card was posted, per platform and channel, so updates edit it in place after restarts. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('message_refs', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    platform: { type: DataTypes.STRING(16), allowNull: false },
    channel_id: { type: DataTypes.STRING(64), allowNull: false },
    query_id: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'client_queries', key: 'id' },
      onDelete: 'CASCADE',
    },
    message_id: { type: DataTypes.STRING(64), allowNull: false },
    updated_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.addIndex('message_refs', ['platform', 'channel_id', 'query_id'], {
    unique: true,
    name: 'message_refs_card',
  });
  await qi.addIndex('message_refs', ['query_id'], { name: 'message_refs_query' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('message_refs');
}
