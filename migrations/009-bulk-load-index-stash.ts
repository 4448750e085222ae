import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * A large MySQL import into a near-empty table drops the secondary indexes and rebuilds them once at the
 * end. Their definitions are written here first, so an import killed half-way leaves the means to
 * restore them: the next import (or anyone reading this table) puts them back.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('bulk_load_index_stash', {
    table_name: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    index_name: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    /** The ALTER TABLE clause that recreates it, e.g. ADD INDEX `queries_closed` (`closed_at`). */
    definition: { type: DataTypes.TEXT, allowNull: false },
    dropped_at: { type: DataTypes.BIGINT, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('bulk_load_index_stash');
}
