import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { NewQueryRow } from '../../../core/domain/query';

// SQLite allows 32766 bound values in one statement; chunks stay under it whatever the row width,
// which also keeps a MySQL statement far below max_allowed_packet.
const SQLITE_MAX_VARIABLES = 32766;
// Past ~128 KB a string or array goes straight to V8's old generation; a statement text of a few
// hundred rows stays young, and a load's memory stays flat. The extra round trips cost little.
const MAX_ROWS_PER_STATEMENT = 250;
const rowsPerStatement = (columns: number) =>
  Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(SQLITE_MAX_VARIABLES / columns));
const DISPLAY_NAME_MAX = 80;

export const QUERY_COLUMNS = [
  'external_ref',
  'client_id',
  'category',
  'heading',
  'description',
  'mobile',
  'mobile_valid',
  'status',
  'assignee_id',
  'platform',
  'created_at',
  'claimed_at',
  'closed_at',
  'resolution_note',
  'resolution_ms',
  'first_response_ms',
  'reopen_count',
  'updated_at',
] as const;
export const USER_COLUMNS = [
  'username',
  'email',
  'mobile',
  'display_name',
  'role',
  'password_hash',
  'password_scheme',
  'failed_logins',
  'locked_until',
  'created_at',
] as const;

type SqlValue = string | number | boolean | null;

/**
 * The four statements an import runs per batch, as plain multi-row SQL: Sequelize's bulkCreate
 * builds each row through model instances, which cost more than the database's own work.
 */
export class BulkImport {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly transaction: Transaction | null,
  ) {}

  async existingRefs(refs: readonly string[]): Promise<string[]> {
    const rows = await this.selectIn<{ external_ref: string }>(
      'SELECT external_ref FROM client_queries WHERE external_ref IN',
      refs,
    );
    return rows.map((r) => String(r.external_ref));
  }

  async idsByEmail(emails: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.selectIn<{ id: number; email: string }>(
      'SELECT id, email FROM users WHERE email IN',
      emails,
    );
    return new Map(rows.map((r) => [String(r.email), Number(r.id)]));
  }

  async insertQueries(rows: readonly NewQueryRow[], now: Date): Promise<void> {
    const updatedAt = now.getTime();
    await this.insert('client_queries', QUERY_COLUMNS, rows, (r) => [
      r.externalRef,
      r.clientId,
      r.category,
      r.heading,
      r.description,
      r.mobile,
      r.mobileValid,
      r.status,
      r.assigneeId,
      r.platform,
      r.createdAt.getTime(),
      ms(r.claimedAt),
      ms(r.closedAt),
      r.resolutionNote,
      r.resolutionMs,
      r.firstResponseMs,
      r.reopenCount,
      updatedAt,
    ]);
  }

  /** Password-less client accounts named after their email; returns email -> id. */
  async insertClients(rows: readonly { email: string; createdAt: Date }[]): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    await this.insert('users', USER_COLUMNS, rows, (r) => [
      r.email,
      r.email,
      null,
      clientDisplayName(r.email),
      'client',
      null,
      null,
      0,
      null,
      r.createdAt.getTime(),
    ]);
    return this.idsByEmail(rows.map((r) => r.email));
  }

  private async insert<T>(
    table: string,
    columns: readonly string[],
    rows: readonly T[],
    values: (row: T) => SqlValue[],
  ): Promise<void> {
    const size = rowsPerStatement(columns.length);
    const tuple = `(${columns.map(() => '?').join(',')})`;
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`;
      await this.sequelize.query(sql, {
        replacements: chunk.flatMap(values),
        transaction: this.transaction,
        type: QueryTypes.INSERT,
      });
    }
  }

  private async selectIn<R extends object>(prefix: string, keys: readonly string[]): Promise<R[]> {
    const out: R[] = [];
    for (let i = 0; i < keys.length; i += SQLITE_MAX_VARIABLES) {
      const chunk = keys.slice(i, i + SQLITE_MAX_VARIABLES);
      const found = await this.sequelize.query<R>(`${prefix} (${chunk.map(() => '?').join(',')})`, {
        replacements: chunk as string[],
        transaction: this.transaction,
        type: QueryTypes.SELECT,
      });
      out.push(...found);
    }
    return out;
  }
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** An imported client's display name: the local part of the email. */
export const clientDisplayName = (email: string) => (email.split('@')[0] || email).slice(0, DISPLAY_NAME_MAX);
/** The same in SQL (MySQL), for accounts created set-based from a staging table. */
export const clientDisplayNameSql = (email: string) =>
  `LEFT(IF(SUBSTRING_INDEX(${email}, '@', 1) = '', ${email}, SUBSTRING_INDEX(${email}, '@', 1)), ${DISPLAY_NAME_MAX})`;
