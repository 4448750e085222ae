import { DataTypes, type ModelAttributes, type QueryInterface } from 'sequelize';

/**
 * A card's first post is claimed before the platform call: the row is written first, with no message id yet,
 * and the unique key (platform, channel, query) lets one of two racing workers win; every later platform call
 * on the card holds the same claim, so two workers never edit one card side by side. `claim_token` names the
 * run holding it (so a run releases only its own claim), `claim_holder` the OS process (so a holder known gone
 * is taken over at once), `claimed_at` starts the lease after which any holder is presumed dead.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() === 'mysql') {
    await qi.changeColumn('message_refs', 'message_id', { type: DataTypes.STRING(64), allowNull: true });
    for (const [name, column] of Object.entries(claimColumns())) await qi.addColumn('message_refs', name, column);
    return;
  }
  await rebuildOnSqlite(qi, {
    ...kept(),
    message_id: { type: DataTypes.STRING(64), allowNull: true },
    ...claimColumns(),
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DELETE FROM message_refs WHERE message_id IS NULL');
  if (qi.sequelize.getDialect() === 'mysql') {
    for (const name of Object.keys(claimColumns())) await qi.removeColumn('message_refs', name);
    await qi.changeColumn('message_refs', 'message_id', { type: DataTypes.STRING(64), allowNull: false });
    return;
  }
  await rebuildOnSqlite(qi, { ...kept(), message_id: { type: DataTypes.STRING(64), allowNull: false } });
}

// Sequelize writes into attribute definitions: each use gets fresh objects.
const claimColumns = () => ({
  claim_token: { type: DataTypes.STRING(64), allowNull: true },
  claim_holder: { type: DataTypes.STRING(255), allowNull: true },
  claimed_at: { type: DataTypes.BIGINT, allowNull: true },
});

/** The columns 002 and 008 made, message_id aside. */
const kept = (): ModelAttributes => ({
  id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
  platform: { type: DataTypes.STRING(16), allowNull: false },
  channel_id: { type: DataTypes.STRING(64), allowNull: false },
  query_id: {
    type: DataTypes.INTEGER,
    allowNull: false,
    references: { model: 'client_queries', key: 'id' },
    onDelete: 'CASCADE',
  },
  updated_at: { type: DataTypes.BIGINT, allowNull: false },
  card_version: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
});

/**
 * SQLite cannot change a column's NOT NULL in place, and sequelize's changeColumn rebuilds the table without
 * its indexes and foreign key: the rebuild is spelled out, in one transaction, keeping every row.
 */
async function rebuildOnSqlite(qi: QueryInterface, columns: ModelAttributes): Promise<void> {
  const copied = 'id, platform, channel_id, query_id, message_id, updated_at, card_version';
  await qi.sequelize.transaction(async (transaction) => {
    await qi.createTable('message_refs_next', columns, { transaction });
    await qi.sequelize.query(`INSERT INTO message_refs_next (${copied}) SELECT ${copied} FROM message_refs`, {
      transaction,
    });
    await qi.dropTable('message_refs', { transaction });
    await qi.renameTable('message_refs_next', 'message_refs', { transaction });
    await qi.addIndex('message_refs', ['platform', 'channel_id', 'query_id'], {
      unique: true,
      name: 'message_refs_card',
      transaction,
    });
    await qi.addIndex('message_refs', ['query_id'], { name: 'message_refs_query', transaction });
  });
}
