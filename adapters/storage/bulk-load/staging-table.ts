import type { StagedQueryRow } from '../../../core/imports/bulk-query-import';
import { ValidationFailed } from '../../../core/errors';

type SqlValue = string | number | boolean | null;

export const STAGING_TABLE = 'cqms_import_staging';
// What a TEXT column holds; the staging column is wider so an over-long value is named, not truncated.
const TEXT_MAX_BYTES = 65_535;

/** The staging table's columns beside client_queries': the client is an email until commit resolves it. */
const COLUMNS: readonly { name: string; type: string; value: (r: StagedQueryRow) => SqlValue }[] = [
  { name: 'external_ref', type: 'VARCHAR(64) NOT NULL', value: (r) => r.externalRef },
  { name: 'client_email', type: 'VARCHAR(254) NOT NULL', value: (r) => r.clientEmail },
  { name: 'category', type: 'VARCHAR(64) NOT NULL', value: (r) => r.category },
  { name: 'heading', type: 'VARCHAR(120) NOT NULL', value: (r) => r.heading },
  { name: 'description', type: 'MEDIUMTEXT NOT NULL', value: (r) => textOf(r, r.description) },
  { name: 'mobile', type: 'VARCHAR(16) NULL', value: (r) => r.mobile },
  { name: 'mobile_valid', type: 'TINYINT(1) NOT NULL', value: (r) => r.mobileValid },
  { name: 'status', type: 'VARCHAR(16) NOT NULL', value: (r) => r.status },
  { name: 'assignee_id', type: 'INT NULL', value: (r) => r.assigneeId },
  { name: 'platform', type: 'VARCHAR(16) NOT NULL', value: (r) => r.platform },
  { name: 'created_at', type: 'BIGINT NOT NULL', value: (r) => r.createdAt.getTime() },
  { name: 'claimed_at', type: 'BIGINT NULL', value: (r) => ms(r.claimedAt) },
  { name: 'closed_at', type: 'BIGINT NULL', value: (r) => ms(r.closedAt) },
  {
    name: 'resolution_note',
    type: 'MEDIUMTEXT NULL',
    value: (r) => (r.resolutionNote === null ? null : textOf(r, r.resolutionNote)),
  },
  { name: 'resolution_ms', type: 'BIGINT NULL', value: (r) => r.resolutionMs },
  { name: 'first_response_ms', type: 'BIGINT NULL', value: (r) => r.firstResponseMs },
  { name: 'reopen_count', type: 'INT NOT NULL', value: (r) => r.reopenCount },
];

export const STAGED_COLUMNS = COLUMNS.map((c) => c.name);

/**
 * Private to the import's connection (gone when it closes, even after a crash). `seq` keeps file order;
 * the unique external_ref lets LOAD DATA ... IGNORE keep the first of a repeated id (the email index is
 * added once the rows are in: one sort instead of a random write per row). The table takes the
 * database's default collation, as client_queries and users do, so joins on email use their indexes.
 */
export const CREATE_STAGING = `CREATE TEMPORARY TABLE ${STAGING_TABLE} (
  seq INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ${COLUMNS.map((c) => `${c.name} ${c.type}`).join(',\n  ')},
  UNIQUE KEY staging_ref (external_ref)
)`;

export const INDEX_STAGED_EMAILS = `ALTER TABLE ${STAGING_TABLE} ADD INDEX staging_email (client_email)`;

/** LOAD DATA's format for the lines below: tab-separated, backslash escapes, \N for NULL. */
export const TSV_FORMAT = "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };
const SPECIAL = /[\\\t\n\r\0]/g;

function tsvField(v: SqlValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  return v.replace(SPECIAL, (c) => ESCAPES[c] ?? c);
}

/** One row as a line of LOAD DATA input. */
export function tsvLine(r: StagedQueryRow): string {
  return `${COLUMNS.map((c) => tsvField(c.value(r))).join('\t')}\n`;
}

/** One row as values for a multi-row INSERT (when the server refuses LOCAL INFILE). */
export function stagedValues(r: StagedQueryRow): SqlValue[] {
  return COLUMNS.map((c) => c.value(r));
}

function textOf(r: StagedQueryRow, text: string): string {
  if (text.length * 3 > TEXT_MAX_BYTES && Buffer.byteLength(text) > TEXT_MAX_BYTES) {
    throw ValidationFailed.field(
      `query ${r.externalRef}`,
      `a text is longer than the ${TEXT_MAX_BYTES.toLocaleString('en-US')} bytes the store holds`,
    );
  }
  return text;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);
