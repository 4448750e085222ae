import type { Socket } from 'node:net';
import type { Connection as PromiseConnection } from 'mysql2/promise';
import { QueryTypes, type QueryOptions, type Sequelize } from 'sequelize';

/**
 * How long a statement in flight may go without a byte from the server before the desk looks at it. mysql2 has
 * no such bound of its own that also frees the connection (its per-query `timeout` leaves the command queued on
 * it, and Sequelize passes none), so a silent network kept a command, its pooled connection and, on stop, the
 * process waiting for ever. The same bound as a new connection's, so a user waits about as long whichever way
 * the network fails.
 */
export const STATEMENT_SILENCE_MS = 5_000;

/**
 * Two kinds of statement, because a server computing says nothing, exactly as a silent network does:
 * - a command's (the default): a click's reads and writes take milliseconds, a row lock is released in
 *   milliseconds; after the silence bound its connection counts as lost (StoreUnavailable, "try again").
 * - a long one (migrations, analytics, a bench's fill): after the silence bound the server is asked, on another
 *   connection under the command bound, whether this connection's thread is still running a statement. Yes: the
 *   statement is working, the bound starts again (an index build on 10M rows takes minutes and is never cut).
 *   No, or no answer: the network is silent or the answer was lost, and the connection is cut as above. TCP
 *   keepalive cannot tell these apart here: Node sets only its idle time (the probes' interval and count are
 *   the OS's, about 11 minutes on Linux), and a proxy or NAT that holds the flow answers the probes itself.
 * How long a long read may compute is the server's to bound (see capRead), which answers with a typed error.
 * Both work on MariaDB 10.11 (here) and MySQL 8: information_schema.PROCESSLIST lists a user's own threads on
 * both without the PROCESS privilege; only the cap's spelling differs.
 */
export type StatementKind = 'command' | 'long';

interface BoundState {
  /** Pieces of work running under withoutStatementBound: while any does, every statement is long. */
  lifted: number;
  silenceMs: number;
  /** MariaDB spells the server-side cap SET STATEMENT max_statement_time; MySQL 8 an optimizer hint. */
  mariadb: boolean;
}
const states = new WeakMap<Sequelize, BoundState>();
const LONG = 'cqmsLongStatement';

/** Query options marking a statement as long (see StatementKind). */
export function longStatement<T extends QueryOptions>(options: T): T {
  return { ...options, [LONG]: true };
}

/** Runs `work` with every statement long: migrations (an index built on a large table, a migration lock waited for). */
export async function withoutStatementBound<T>(sequelize: Sequelize, work: () => Promise<T>): Promise<T> {
  const state = states.get(sequelize);
  if (!state) return work();
  state.lifted += 1;
  try {
    return await work();
  } finally {
    state.lifted -= 1;
  }
}

/**
 * `select` capped by the server at `ms`: the server stops it and answers ER_STATEMENT_TIMEOUT (MariaDB) or
 * ER_QUERY_TIMEOUT (MySQL 8), which isStatementCapped recognises. The cap is the server's because only it
 * knows the statement is still computing (and it frees the work, which a client giving up would not).
 */
export function capRead(sequelize: Sequelize, select: string, ms: number): string {
  const state = states.get(sequelize);
  if (!state) return select;
  if (state.mariadb) return `SET STATEMENT max_statement_time = ${(ms / 1000).toFixed(3)} FOR ${select}`;
  return select.replace(/^\s*SELECT\b/i, `SELECT /*+ MAX_EXECUTION_TIME(${Math.round(ms)}) */`);
}

/** Whether the server stopped a statement at its cap (capRead). */
export function isStatementCapped(e: unknown): boolean {
  const cause = (e as { parent?: { errno?: number } })?.parent ?? (e as { errno?: number });
  return cause?.errno === 1969 || cause?.errno === 3024;
}

/** Puts the bound on a Sequelize instance's MySQL connections: call once, right after constructing it. */
export function boundStatements(sequelize: Sequelize, silenceMs: number): void {
  const state: BoundState = { lifted: 0, silenceMs, mariadb: true };
  states.set(sequelize, state);
  const inFlight = new WeakMap<object, { at: number; kind: StatementKind }>();
  // Every statement (transactions' BEGIN and COMMIT too) goes through sequelize.query, which runs these.
  sequelize.addHook('beforeQuery', (options, query) => {
    const kind = state.lifted > 0 || (options as Record<string, unknown>)[LONG] === true ? 'long' : 'command';
    inFlight.set(queryConnection(query), { at: Date.now(), kind });
  });
  sequelize.addHook('afterQuery', (_options, query) => void inFlight.delete(queryConnection(query)));
  sequelize.addHook('afterConnect', (connection) => {
    const conn = connection as { threadId?: number };
    endSilentStatements(connection, {
      ms: silenceMs,
      inFlight: () => inFlight.get(conn),
      stillRunning: () => stillRunning(sequelize, conn.threadId),
    });
  });
}

/**
 * Watches a mysql2/promise connection outside the pool (an import's) as the pool's long statements are: every
 * statement sent through its `query` is long, and a silence is checked with the server through `sequelize`.
 */
export function watchLongStatements(sequelize: Sequelize, conn: PromiseConnection): void {
  const state = states.get(sequelize);
  if (!state) return;
  let current: { at: number; kind: StatementKind } | undefined;
  const query = conn.query.bind(conn) as (...args: unknown[]) => Promise<unknown>;
  const watched = async (...args: unknown[]) => {
    const mine = { at: Date.now(), kind: 'long' as const };
    current = mine;
    try {
      return await query(...args);
    } finally {
      if (current === mine) current = undefined;
    }
  };
  conn.query = watched as PromiseConnection['query'];
  // The promise wrapper's core connection holds the socket.
  endSilentStatements((conn as unknown as { connection: unknown }).connection, {
    ms: state.silenceMs,
    inFlight: () => current,
    stillRunning: () => stillRunning(sequelize, conn.threadId),
  });
}

/** Reads the server's flavour once connected (the cap's spelling). */
export async function learnServer(sequelize: Sequelize): Promise<void> {
  const state = states.get(sequelize);
  if (!state) return;
  const [row] = await sequelize.query<{ v: string }>('SELECT VERSION() AS v', { type: QueryTypes.SELECT });
  state.mariadb = /mariadb/i.test(String(row?.v));
}

const queryConnection = (query: unknown) => (query as { connection: object }).connection;

/** Whether the server's thread for a connection is running a statement now (not idle, not gone). */
async function stillRunning(sequelize: Sequelize, threadId: number | undefined): Promise<boolean> {
  if (threadId === undefined) return false;
  try {
    const [row] = await sequelize.query<{ c: string }>(
      'SELECT COMMAND AS c FROM information_schema.PROCESSLIST WHERE ID = ?',
      {
        replacements: [threadId],
        type: QueryTypes.SELECT,
      },
    );
    return row?.c === 'Query' || row?.c === 'Execute';
  } catch {
    return false;
  }
}

/** What the silence timer of one connection needs to know. */
export interface SilenceWatch {
  ms: number;
  /** The statement in flight on this connection; undefined when none is (idle in the pool). */
  inFlight(): { at: number; kind: StatementKind } | undefined;
  /** Asked when a long statement has been silent for `ms`: whether the server is still running it. */
  stillRunning(): Promise<boolean>;
}

/**
 * Watches a mysql2 connection's socket: a silent statement is cut by destroying the socket with ETIMEDOUT, which
 * mysql2 reports to the statements waiting on it as a fatal error (translated to StoreUnavailable) and the pool
 * discards the connection. The socket's idle timer finds the silence; the statement's send time decides, because
 * an idle connection's timer can fall due in the very tick a new statement is written on it.
 */
export function endSilentStatements(connection: unknown, w: SilenceWatch): void {
  const stream = (connection as { stream?: Socket }).stream;
  if (!stream || typeof stream.setTimeout !== 'function') return;
  const cut = () =>
    stream.destroy(Object.assign(new Error(`the database sent nothing for ${w.ms} ms`), { code: 'ETIMEDOUT' }));
  let asking = false;
  stream.on('timeout', () => {
    const now = w.inFlight();
    const waited = now === undefined ? 0 : Date.now() - now.at;
    // Nothing in flight, or not for long: wait again (Node does not re-arm a fired idle timer by itself).
    if (waited < w.ms) {
      stream.setTimeout(w.ms - waited);
      return;
    }
    if (now?.kind !== 'long') {
      cut();
      return;
    }
    if (asking) return;
    asking = true;
    void w.stillRunning().then((running) => {
      asking = false;
      if (stream.destroyed) return;
      // The same statement still in flight and still running: it is working, not lost.
      if (running || w.inFlight() !== now) stream.setTimeout(w.ms);
      else cut();
    });
  });
  stream.setTimeout(w.ms);
}
