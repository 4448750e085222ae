import { DataTypes, QueryTypes, type ModelAttributes, type QueryInterface } from 'sequelize';

// Sequelize writes into attribute definitions: each use gets fresh objects.
const id = () => ({ type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false });
const ms = (allowNull: boolean) => ({ type: DataTypes.BIGINT, allowNull });
const str = (length: number, allowNull = false) => ({ type: DataTypes.STRING(length), allowNull });
const fk = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'CASCADE',
});

const SWEEP_INDEX = 'queries_sla_sweep';
const SWEEP_COLUMNS = ['status', 'created_at', 'sla_alerted', 'first_response_ms', 'assignee_id', 'category'];

/**
 * A query's conversation. Messages are numbered per query from client_queries.message_count, taken inside the
 * appending transaction (the row lock orders concurrent appends); a platform message id is stored once (retried
 * events). Threads route a platform message back to its query, copies and cursors make every place get every
 * message once and in order, parked messages wait for the client to pick their query. client_queries gains the
 * pause of the resolution clock (waiting on the client) and the first public staff reply; the SLA sweep index
 * gains the pause columns so the sweep still reads the index alone.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [name, column] of Object.entries(queryColumns())) await qi.addColumn('client_queries', name, column);
  await rebuildSweepIndex(qi, [...SWEEP_COLUMNS, 'waiting_since', 'waited_ms']);

  await qi.createTable('query_messages', {
    id: id(),
    query_id: fk('client_queries'),
    seq: { type: DataTypes.INTEGER, allowNull: false },
    author_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    author_role: str(16),
    visibility: str(16),
    body: { type: DataTypes.TEXT, allowNull: false },
    source_platform: str(16, true),
    source_channel: str(64, true),
    source_message_id: str(64, true),
    created_at: ms(false),
    edited_at: ms(true),
    deleted_at: ms(true),
  });
  await qi.addIndex('query_messages', ['query_id', 'seq'], { unique: true, name: 'query_messages_seq' });
  await qi.addIndex('query_messages', ['source_platform', 'source_channel', 'source_message_id'], {
    unique: true,
    name: 'query_messages_source',
  });

  await qi.createTable('message_revisions', {
    id: id(),
    message_id: fk('query_messages'),
    kind: str(8),
    previous_text: { type: DataTypes.TEXT, allowNull: false },
    at: ms(false),
  });
  await qi.addIndex('message_revisions', ['message_id', 'id'], { name: 'message_revisions_message' });

  // thread_root_id is '' where the channel itself is the thread: NULLs would not collide in the unique key.
  await qi.createTable('conversation_threads', {
    id: id(),
    query_id: fk('client_queries'),
    platform: str(16),
    audience: str(16),
    channel_id: str(64),
    thread_root_id: { ...str(64), defaultValue: '' },
    created_at: ms(false),
  });
  await qi.addIndex('conversation_threads', ['platform', 'channel_id', 'thread_root_id'], {
    unique: true,
    name: 'conversation_threads_place',
  });
  await qi.addIndex('conversation_threads', ['query_id'], { name: 'conversation_threads_query' });

  await qi.createTable('message_copies', {
    id: id(),
    message_id: fk('query_messages'),
    query_id: fk('client_queries'),
    place_key: str(128),
    platform: str(16),
    channel_id: str(64),
    platform_message_id: str(64),
  });
  await qi.addIndex('message_copies', ['message_id', 'place_key'], { unique: true, name: 'message_copies_place' });
  await qi.addIndex('message_copies', ['platform', 'channel_id', 'platform_message_id'], {
    name: 'message_copies_platform',
  });
  await qi.addIndex('message_copies', ['query_id'], { name: 'message_copies_query' });

  await qi.createTable('relay_cursors', {
    query_id: { ...fk('client_queries'), primaryKey: true },
    place_key: { ...str(128), primaryKey: true },
    delivered_seq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    claim_token: str(64, true),
    claimed_at: ms(true),
  });

  await qi.createTable('parked_messages', {
    id: id(),
    author_id: fk('users'),
    platform: str(16),
    channel_id: str(64),
    message_id: str(64),
    body: { type: DataTypes.TEXT, allowNull: false },
    created_at: ms(false),
  });
  await qi.addIndex('parked_messages', ['platform', 'channel_id', 'message_id'], {
    unique: true,
    name: 'parked_messages_source',
  });
  await qi.addIndex('parked_messages', ['created_at'], { name: 'parked_messages_created' });
  await qi.createTable('parked_files', {
    id: id(),
    parked_id: fk('parked_messages'),
    filename: str(200),
    content_type: str(255),
    data: { type: DataTypes.BLOB('medium'), allowNull: false },
  });
  await qi.addIndex('parked_files', ['parked_id'], { name: 'parked_files_parked' });

  // A message's files are attachments of its query that name the message.
  await qi.addColumn('attachments', 'message_id', { ...fk('query_messages', true) });
  await qi.addIndex('attachments', ['message_id'], { name: 'attachments_message' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  const sqlite = qi.sequelize.getDialect() === 'sqlite';
  // A message's files go with the messages; the query's own files stay.
  await qi.sequelize.query('DELETE FROM attachments WHERE message_id IS NOT NULL');
  if (sqlite) await dropMessageIdOnSqlite(qi);
  else await qi.removeColumn('attachments', 'message_id');
  for (const t of [
    'parked_files',
    'parked_messages',
    'relay_cursors',
    'message_copies',
    'conversation_threads',
    'message_revisions',
    'query_messages',
  ]) {
    await qi.dropTable(t);
  }
  await rebuildSweepIndex(qi, SWEEP_COLUMNS);
  for (const name of Object.keys(queryColumns())) {
    // SQLite drops a plain column in place; sequelize's removeColumn would rebuild the table without its indexes.
    if (sqlite) await qi.sequelize.query(`ALTER TABLE client_queries DROP COLUMN ${name}`);
    else await qi.removeColumn('client_queries', name);
  }
}

/**
 * The sweep index on these columns. A MySQL load killed after dropping the table's indexes left them in the
 * stash (migration 009) for the next store open to put back: there the stashed definition is rewritten instead.
 */
async function rebuildSweepIndex(qi: QueryInterface, columns: string[]): Promise<void> {
  if (qi.sequelize.getDialect() === 'mysql') {
    const where = "WHERE table_name = 'client_queries' AND index_name = :name";
    const replacements = {
      name: SWEEP_INDEX,
      definition: `ADD INDEX \`${SWEEP_INDEX}\` (\`${columns.join('`, `')}\`)`,
    };
    const stashed = await qi.sequelize.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM bulk_load_index_stash ${where}`,
      {
        type: QueryTypes.SELECT,
        replacements,
      },
    );
    if (Number(stashed[0]?.n) > 0) {
      await qi.sequelize.query(`UPDATE bulk_load_index_stash SET definition = :definition ${where}`, { replacements });
      return;
    }
  }
  await qi.removeIndex('client_queries', SWEEP_INDEX);
  await qi.addIndex('client_queries', columns, { name: SWEEP_INDEX });
}

const queryColumns = () => ({
  waiting_since: ms(true),
  waited_ms: { ...ms(false), defaultValue: 0 },
  message_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  first_reply_ms: ms(true),
});

/** The columns 001 made. */
const attachmentColumns = (): ModelAttributes => ({
  id: id(),
  query_id: fk('client_queries'),
  filename: str(200),
  content_type: str(64),
  size: { type: DataTypes.INTEGER, allowNull: false },
  sha256: str(64),
  data: { type: DataTypes.BLOB('medium'), allowNull: false },
  created_at: ms(false),
});

/**
 * SQLite cannot drop a column that carries a foreign key: the table is rebuilt, in one transaction, with its
 * rows, its index and its cascade from client_queries.
 */
async function dropMessageIdOnSqlite(qi: QueryInterface): Promise<void> {
  const copied = 'id, query_id, filename, content_type, size, sha256, data, created_at';
  await qi.sequelize.transaction(async (transaction) => {
    await qi.createTable('attachments_next', attachmentColumns(), { transaction });
    await qi.sequelize.query(`INSERT INTO attachments_next (${copied}) SELECT ${copied} FROM attachments`, {
      transaction,
    });
    await qi.dropTable('attachments', { transaction });
    await qi.renameTable('attachments_next', 'attachments', { transaction });
    await qi.addIndex('attachments', ['query_id'], { name: 'attachments_query', transaction });
  });
}
