import type { Connection, RowDataPacket } from 'mysql2/promise';

export const STASH = 'bulk_load_index_stash';
const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

interface IndexDef {
  name: string;
  columns: string[];
  /** The ALTER TABLE clause that recreates it. */
  clause: string;
  droppable: boolean;
}

async function indexesOf(conn: Connection, table: string): Promise<Map<string, IndexDef>> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT INDEX_NAME name, COLUMN_NAME col, SUB_PART sub, COLLATION coll, NON_UNIQUE non_unique, INDEX_TYPE type FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [table],
  );
  const byName = new Map<string, IndexDef & { parts: string[] }>();
  for (const r of rows) {
    const name = String(r.name);
    const def = byName.get(name) ?? {
      name,
      columns: [],
      parts: [],
      clause: '',
      droppable: Number(r.non_unique) === 1 && r.type === 'BTREE',
    };
    def.columns.push(String(r.col));
    const part = r.sub === null ? q(String(r.col)) : `${q(String(r.col))}(${Number(r.sub)})`;
    def.parts.push(r.coll === 'D' ? `${part} DESC` : part);
    byName.set(name, def);
  }
  for (const d of byName.values()) d.clause = `ADD INDEX ${q(d.name)} (${d.parts.join(', ')})`;
  return byName;
}

/** Column lists of the table's foreign keys: InnoDB needs an index that starts with each. */
async function foreignKeysOf(conn: Connection, table: string): Promise<string[][]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT CONSTRAINT_NAME name, COLUMN_NAME col FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION`,
    [table],
  );
  const fks = new Map<string, string[]>();
  for (const r of rows) fks.set(String(r.name), [...(fks.get(String(r.name)) ?? []), String(r.col)]);
  return [...fks.values()];
}

/**
 * The non-unique indexes an import may drop and rebuild: unique ones (idempotency by external_ref rests
 * on one) stay, and so does, for each foreign key, the narrowest index that serves it.
 */
export async function droppableIndexes(conn: Connection, table: string): Promise<IndexDef[]> {
  const indexes = await indexesOf(conn, table);
  for (const fk of await foreignKeysOf(conn, table)) {
    const serving = [...indexes.values()]
      .filter((d) => fk.every((c, i) => d.columns[i] === c))
      .sort(
        (a, b) =>
          Number(a.droppable) - Number(b.droppable) ||
          a.columns.length - b.columns.length ||
          a.name.localeCompare(b.name),
      );
    if (serving[0]) serving[0].droppable = false;
  }
  return [...indexes.values()].filter((d) => d.droppable);
}

/** Drops them in one statement after writing how to recreate them; returns their names. */
export async function dropSecondaryIndexes(conn: Connection, table: string, now: Date): Promise<string[]> {
  const drop = await droppableIndexes(conn, table);
  if (drop.length === 0) return [];
  await conn.query(`INSERT INTO ${STASH} (table_name, index_name, definition, dropped_at) VALUES ?`, [
    drop.map((d) => [table, d.name, d.clause, now.getTime()]),
  ]);
  await conn.query(`ALTER TABLE ${q(table)} ${drop.map((d) => `DROP INDEX ${q(d.name)}`).join(', ')}`);
  return drop.map((d) => d.name);
}

/**
 * Recreates every stashed index still missing, all of a table's in one ALTER (one scan, a sort per
 * index), then forgets them. Run after an import and before the next one, in case one was killed.
 */
export async function restoreStashedIndexes(conn: Connection): Promise<string[]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT table_name, index_name, definition FROM ${STASH} ORDER BY table_name, index_name`,
  );
  const restored: string[] = [];
  for (const table of new Set(rows.map((r) => String(r.table_name)))) {
    const present = await indexesOf(conn, table);
    const missing = rows.filter((r) => r.table_name === table && !present.has(String(r.index_name)));
    if (missing.length > 0)
      await conn.query(`ALTER TABLE ${q(table)} ${missing.map((r) => String(r.definition)).join(', ')}`);
    await conn.query(`DELETE FROM ${STASH} WHERE table_name = ?`, [table]);
    restored.push(...missing.map((r) => String(r.index_name)));
  }
  return restored;
}
