import { DataTypes, type QueryInterface } from 'sequelize';

// Times are BIGINT epoch milliseconds (UTC): identical arithmetic on MySQL and SQLite, no zone surprises.
const ms = (allowNull: boolean) => ({ type: DataTypes.BIGINT, allowNull });
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const fk = (table: string, allowNull: boolean, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT') => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete,
});

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('users', {
    id,
    username: { type: DataTypes.STRING(254), allowNull: false, unique: true },
    email: { type: DataTypes.STRING(254), allowNull: true, unique: true },
    mobile: { type: DataTypes.STRING(16), allowNull: true, unique: true },
    display_name: { type: DataTypes.STRING(80), allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false },
    password_hash: { type: DataTypes.STRING(255), allowNull: true },
    password_scheme: { type: DataTypes.STRING(16), allowNull: true },
    failed_logins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: ms(true),
    created_at: ms(false),
  });
  await qi.addIndex('users', ['role', 'id'], { name: 'users_role_id' });

  await qi.createTable('support_agents', {
    user_id: { ...fk('users', false, 'CASCADE'), primaryKey: true },
    display_name: { type: DataTypes.STRING(80), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: ms(false),
  });

  await qi.createTable('platform_identities', {
    id,
    platform: { type: DataTypes.STRING(16), allowNull: false },
    workspace_id: { type: DataTypes.STRING(64), allowNull: false },
    platform_user_id: { type: DataTypes.STRING(64), allowNull: false },
    user_id: fk('users', false, 'CASCADE'),
    linked_at: ms(false),
  });
  await qi.addIndex('platform_identities', ['platform', 'workspace_id', 'platform_user_id'], {
    unique: true,
    name: 'identities_account',
  });
  await qi.addIndex('platform_identities', ['user_id'], { name: 'identities_user' });

  await qi.createTable('client_queries', {
    id,
    external_ref: { type: DataTypes.STRING(64), allowNull: true, unique: true },
    client_id: fk('users', false),
    category: { type: DataTypes.STRING(64), allowNull: false },
    heading: { type: DataTypes.STRING(120), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: false },
    mobile: { type: DataTypes.STRING(16), allowNull: true },
    mobile_valid: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    status: { type: DataTypes.STRING(16), allowNull: false },
    assignee_id: fk('users', true),
    platform: { type: DataTypes.STRING(16), allowNull: false },
    created_at: ms(false),
    claimed_at: ms(true),
    closed_at: ms(true),
    resolution_note: { type: DataTypes.TEXT, allowNull: true },
    resolution_ms: ms(true),
    first_response_ms: ms(true),
    reopen_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: ms(false),
  });
  // One index per access path: a client's list, the queue by status, an agent's work, category and date ranges.
  await qi.addIndex('client_queries', ['client_id', 'created_at'], { name: 'queries_client_created' });
  await qi.addIndex('client_queries', ['status', 'created_at'], { name: 'queries_status_created' });
  await qi.addIndex('client_queries', ['assignee_id', 'status', 'created_at'], { name: 'queries_assignee_status' });
  await qi.addIndex('client_queries', ['closed_at'], { name: 'queries_closed' });
  // Analytics read indexes, not rows. The trend scans queries_created (date ranges use its first column). The
  // rollup groups the whole team in the order of its first three columns and serves one agent's numbers; the
  // category index serves a category's, from its first columns on. Quantiles walk a sorted index from its
  // nearer end to the rank they need.
  await qi.addIndex('client_queries', ['created_at', 'closed_at', 'resolution_ms'], { name: 'queries_created' });
  const measures = ['first_response_ms', 'resolution_ms', 'closed_at'];
  await qi.addIndex('client_queries', ['assignee_id', 'category', 'status', 'created_at', ...measures], {
    name: 'queries_rollup',
  });
  await qi.addIndex('client_queries', ['category', 'created_at', 'assignee_id', 'status', ...measures], {
    name: 'queries_category_created',
  });
  await qi.addIndex('client_queries', ['resolution_ms'], { name: 'queries_resolution' });
  await qi.addIndex('client_queries', ['assignee_id', 'resolution_ms'], { name: 'queries_assignee_resolution' });
  await qi.addIndex('client_queries', ['first_response_ms'], { name: 'queries_first_response' });

  await qi.createTable('client_reviews', {
    id,
    query_id: { ...fk('client_queries', false, 'CASCADE'), unique: true },
    client_id: fk('users', false),
    rating: { type: DataTypes.INTEGER, allowNull: false },
    comment: { type: DataTypes.TEXT, allowNull: true },
    created_at: ms(false),
  });

  await qi.createTable('attachments', {
    id,
    query_id: fk('client_queries', false, 'CASCADE'),
    filename: { type: DataTypes.STRING(200), allowNull: false },
    content_type: { type: DataTypes.STRING(64), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    data: { type: DataTypes.BLOB('medium'), allowNull: false },
    created_at: ms(false),
  });
  await qi.addIndex('attachments', ['query_id'], { name: 'attachments_query' });

  await qi.createTable('query_events', {
    id: { ...id, type: DataTypes.BIGINT },
    query_id: fk('client_queries', false, 'CASCADE'),
    actor_id: fk('users', true, 'SET NULL'),
    type: { type: DataTypes.STRING(16), allowNull: false },
    from_status: { type: DataTypes.STRING(16), allowNull: true },
    to_status: { type: DataTypes.STRING(16), allowNull: true },
    platform: { type: DataTypes.STRING(16), allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: true },
    created_at: ms(false),
  });
  await qi.addIndex('query_events', ['query_id', 'id'], { name: 'events_query' });
  await qi.addIndex('query_events', ['created_at'], { name: 'events_created' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const t of [
    'query_events',
    'attachments',
    'client_reviews',
    'client_queries',
    'platform_identities',
    'support_agents',
    'users',
  ]) {
    await qi.dropTable(t);
  }
}
