import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The version (the query's updated_at, ms) of the card a message shows. Two jobs for one query may reach the
 * platform out of order; an edit with an older version than the one recorded is skipped.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('message_refs', 'card_version', { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('message_refs', 'card_version');
}
