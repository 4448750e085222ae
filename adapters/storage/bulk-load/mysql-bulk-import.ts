import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Sequelize } from 'sequelize';
import { Conflict } from '../../../core/errors';
import type { BulkImportResult, BulkQueryImport, StagedQueryRow } from '../../../core/imports/bulk-query-import';
import { translateDbError } from '../db-errors';
import { clientDisplayNameSql, QUERY_COLUMNS } from '../repos/bulk-import';
import { openImportConnection } from './import-connection';
import { asTheImport } from './interrupted-load';
import { dropSecondaryIndexes, restoreStashedIndexes } from './secondary-indexes';
import { testPause } from './test-pause';
import {
  CREATE_STAGING,
  INDEX_STAGED_EMAILS,
  STAGED_COLUMNS,
  STAGING_TABLE,
  TSV_FORMAT,
  stagedValues,
  tsvLine,
} from './staging-table';

/**
 * When an import drops client_queries' secondary indexes and rebuilds them in one ALTER at the end: the
 * rebuild sorts every row once per index, maintaining them costs a random B-tree write per row and
 * index. Only for a large load into a table it dwarfs (the rebuild also re-sorts the rows already
 * there, and the desk's analytics go without their indexes meanwhile), never on a big live table.
 */
export interface DropIndexPolicy {
  /** At least this many new rows (staged and not stored yet). */
  minRows: number;
  /** At most this share of the new rows already in client_queries... */
  maxExistingShare: number;
  /** ...and never more than this many. */
  maxExisting: number;
}
export const DROP_INDEXES: DropIndexPolicy = { minRows: 50_000, maxExistingShare: 0.1, maxExisting: 100_000 };

export interface MysqlBulkImportOptions {
  dropIndexes?: DropIndexPolicy | false;
  /** false: stage with multi-row INSERTs even where the server allows LOAD DATA LOCAL INFILE. */
  localInfile?: boolean;
  /** Queries inserted per statement (a progress step each; all in the one transaction). */
  chunkRows?: number;
}

const TARGET = 'client_queries';
const CHUNK_CHARS = 1 << 16;
// Above this many bytes queued on the socket, staging waits for the server to catch up: memory stays flat.
const SOCKET_HIGH_WATER = 4 << 20;
const INSERT_ROWS = 1000;

// The distinct emails come from the staging email index alone (no row reads), in order of first appearance.
const INSERT_CLIENTS = `INSERT INTO users (username, email, mobile, display_name, role, password_hash, password_scheme, failed_logins, locked_until, created_at)
  SELECT e.email, e.email, NULL, ${clientDisplayNameSql('e.email')}, 'client', NULL, NULL, 0, NULL, ?
  FROM (SELECT client_email email, MIN(seq) first FROM ${STAGING_TABLE} GROUP BY client_email) e
  LEFT JOIN users u ON u.email = e.email WHERE u.id IS NULL ORDER BY e.first`;

// Under the import lock nothing else writes external ids: staged rows already stored are dropped once,
// so the inserts below read only the staging table (an INSERT that also read client_queries would first
// copy its whole result to a temporary table).
const FORGET_STORED = `DELETE s FROM ${STAGING_TABLE} s JOIN ${TARGET} q ON q.external_ref = s.external_ref`;

// STRAIGHT_JOIN: walk the staging chunk by seq and look each email up, never the other way round.
const selected = (c: string) => (c === 'client_id' ? 'u.id' : c === 'updated_at' ? '?' : `s.${c}`);
const INSERT_QUERIES = `INSERT INTO ${TARGET} (${QUERY_COLUMNS.join(', ')})
  SELECT ${QUERY_COLUMNS.map(selected).join(', ')}
  FROM ${STAGING_TABLE} s STRAIGHT_JOIN users u ON u.email = s.client_email
  WHERE s.seq BETWEEN ? AND ? ORDER BY s.seq`;

/** A duplicate the database refuses (an imported email that is another account's username) is the input's; a lost connection is StoreUnavailable. */
async function translated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as { code?: string; sqlMessage?: string };
    if (err.code === 'ER_DUP_ENTRY')
      throw new Conflict('import', `The import clashes with stored data: ${err.sqlMessage ?? 'a duplicate value'}.`);
    throw translateDbError(e);
  }
}

/** The set-based import on MySQL/MariaDB, on a connection of its own (its staging table dies with it). */
export class MysqlBulkImport implements BulkQueryImport {
  private constructor(
    private readonly conn: Connection,
    /** Holds the import's alive lock and nothing else (interrupted-load.ts). */
    private readonly alive: Connection,
    private readonly database: string,
    private readonly opts: MysqlBulkImportOptions,
  ) {}

  static async open(sequelize: Sequelize, opts: MysqlBulkImportOptions = {}): Promise<MysqlBulkImport> {
    const conn = await openImportConnection(sequelize);
    let alive: Connection | null = null;
    try {
      alive = await openImportConnection(sequelize);
      // No shared locks on the users rows the inserts read; the desk keeps working beside the import.
      await conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await conn.query(CREATE_STAGING);
    } catch (e) {
      conn.destroy();
      alive?.destroy();
      throw e;
    }
    return new MysqlBulkImport(conn, alive, sequelize.config.database, opts);
  }

  async stage(batches: AsyncIterable<readonly StagedQueryRow[]>): Promise<number> {
    let read = 0;
    async function* counted(): AsyncGenerator<readonly StagedQueryRow[]> {
      for await (const rows of batches) {
        read += rows.length;
        yield rows;
        if (read === rows.length) await testPause('staging');
      }
    }
    await translated(async () => {
      if (this.opts.localInfile !== false && (await this.serverAllowsLocalInfile()))
        await this.loadDataLocal(counted());
      else await this.insertStaged(counted());
      await this.conn.query(INDEX_STAGED_EMAILS);
    });
    return read;
  }

  async commit(now: Date, onProgress?: (done: number, total: number) => void): Promise<BulkImportResult> {
    const [[range]] = await this.conn.query<RowDataPacket[]>(
      `SELECT MIN(seq) lo, MAX(seq) hi, COUNT(*) n FROM ${STAGING_TABLE}`,
    );
    const staged = Number(range?.n ?? 0);
    if (staged === 0) return { inserted: 0, usersCreated: 0, rebuiltIndexes: [] };
    onProgress?.(0, staged);
    return asTheImport(this.conn, this.alive, this.database, () =>
      translated(async () => {
        await restoreStashedIndexes(this.conn);
        const [stored] = await this.conn.query<ResultSetHeader>(FORGET_STORED);
        // DDL commits by itself, so indexes are dropped before the transaction and rebuilt after it; killed in
        // between, the stash lets the next store open put them back (finishInterruptedLoad).
        const dropped = (await this.dropIndexesFor(staged - stored.affectedRows))
          ? await dropSecondaryIndexes(this.conn, TARGET, now)
          : [];
        try {
          // One transaction for clients and queries: a load killed or failed half-way leaves no row and no
          // account (InnoDB rolls back what a dead connection left open). Chunks only pace the progress bar.
          await this.conn.query('START TRANSACTION');
          try {
            const [users] = await this.conn.query<ResultSetHeader>(INSERT_CLIENTS, [now.getTime()]);
            const [lo, hi] = [Number(range?.lo), Number(range?.hi)];
            const chunk = this.opts.chunkRows ?? 50_000;
            let inserted = 0;
            for (let from = lo; from <= hi; from += chunk) {
              if (from > lo) await testPause('inserting');
              const [r] = await this.conn.query<ResultSetHeader>(INSERT_QUERIES, [
                now.getTime(),
                from,
                from + chunk - 1,
              ]);
              inserted += r.affectedRows;
              onProgress?.(Math.round((Math.min(from + chunk - lo, hi - lo + 1) / (hi - lo + 1)) * staged), staged);
            }
            await this.conn.query('COMMIT');
            return { inserted, usersCreated: users.affectedRows, rebuiltIndexes: dropped };
          } catch (e) {
            await this.conn.query('ROLLBACK').catch(() => undefined);
            throw e;
          }
        } finally {
          if (dropped.length > 0) {
            await testPause('rebuilding');
            await restoreStashedIndexes(this.conn);
          }
        }
      }),
    );
  }

  async close(): Promise<void> {
    await this.conn.end().catch(() => this.conn.destroy());
    await this.alive.end().catch(() => this.alive.destroy());
  }

  private async serverAllowsLocalInfile(): Promise<boolean> {
    const [[row]] = await this.conn.query<RowDataPacket[]>('SELECT @@GLOBAL.local_infile AS allowed');
    return Number(row?.allowed) === 1;
  }

  /** Streams the rows as LOAD DATA input: the server parses them, the client only formats text. */
  private async loadDataLocal(batches: AsyncIterable<readonly StagedQueryRow[]>): Promise<void> {
    const socket = (this.conn as unknown as { connection: { stream: Writable } }).connection.stream;
    async function* text(): AsyncGenerator<Buffer> {
      let lines: string[] = [];
      let size = 0;
      for await (const rows of batches) {
        for (const r of rows) {
          const line = tsvLine(r);
          lines.push(line);
          size += line.length;
          if (size < CHUNK_CHARS) continue;
          yield Buffer.from(lines.join(''));
          [lines, size] = [[], 0];
          if (socket.writableLength > SOCKET_HIGH_WATER) await once(socket, 'drain');
        }
      }
      if (lines.length > 0) yield Buffer.from(lines.join(''));
    }
    await this.conn.query({
      sql: `LOAD DATA LOCAL INFILE 'cqms-import.tsv' IGNORE INTO TABLE ${STAGING_TABLE} CHARACTER SET utf8mb4 ${TSV_FORMAT} (${STAGED_COLUMNS.join(', ')})`,
      infileStreamFactory: () => Readable.from(text()),
    });
  }

  /** Where the server refuses LOCAL INFILE (MySQL 8's default): the same rows as multi-row INSERTs. */
  private async insertStaged(batches: AsyncIterable<readonly StagedQueryRow[]>): Promise<void> {
    const sql = `INSERT IGNORE INTO ${STAGING_TABLE} (${STAGED_COLUMNS.join(', ')}) VALUES ?`;
    for await (const rows of batches) {
      for (let i = 0; i < rows.length; i += INSERT_ROWS)
        await this.conn.query(sql, [rows.slice(i, i + INSERT_ROWS).map(stagedValues)]);
    }
  }

  private async dropIndexesFor(incoming: number): Promise<boolean> {
    const p = this.opts.dropIndexes ?? DROP_INDEXES;
    if (!p || incoming < p.minRows) return false;
    const cap = Math.min(p.maxExisting, Math.floor(incoming * p.maxExistingShare));
    const [[row]] = await this.conn.query<RowDataPacket[]>(
      `SELECT COUNT(*) n FROM (SELECT 1 FROM ${TARGET} LIMIT ?) t`,
      [cap + 1],
    );
    return Number(row?.n) <= cap;
  }
}
