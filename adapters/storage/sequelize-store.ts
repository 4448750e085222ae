import { existsSync } from 'node:fs';
import { Transaction, type Sequelize } from 'sequelize';
import type { BulkQueryImport } from '../../core/imports/bulk-query-import';
import type { Store, StoreTx } from '../../core/ports/store';
import { finishInterruptedLoad } from './bulk-load/interrupted-load';
import { MysqlBulkImport } from './bulk-load/mysql-bulk-import';
import { SqlAnalyticsStore } from './analytics/sql-analytics-store';
import { MYSQL, SQLITE } from './analytics/sql-dialect';
import { connect, ensureMysqlDatabase, withoutStatementBound, type ConnectOptions } from './connect';
import { parseDatabaseUrl, redact } from './database-url';
import { noSqliteFile, notMigrated } from './database-start-error';
import { StoreUnavailable } from '../../core/errors';
import { guarded, translateDbError } from './db-errors';
import { migrate, migrationState } from './migrator';
import { defineModels, type Models } from './models';
import { agentRepo } from './repos/agent-repo';
import { attachmentRepo } from './repos/attachment-repo';
import { conversationThreadRepo } from './repos/conversation-thread-repo';
import { eventRepo } from './repos/event-repo';
import { identityRepo } from './repos/identity-repo';
import { idempotencyRepo } from './repos/idempotency-repo';
import { loginAttemptRepo } from './repos/login-attempt-repo';
import { messageCopyRepo } from './repos/message-copy-repo';
import { messageRefRepo } from './repos/message-ref-repo';
import { outboxRepo } from './repos/outbox-repo';
import { queryRepo } from './repos/query-repo';
import { queueHolderRepo } from './repos/queue-holder-repo';
import type { RepoContext } from './repos/repo-context';
import { parkedMessageRepo } from './repos/parked-message-repo';
import { queryMessageRepo } from './repos/query-message-repo';
import { reviewRepo } from './repos/review-repo';
import { slaAlertRepo } from './repos/sla-alert-repo';
import { userRepo } from './repos/user-repo';
import { KeyedLock } from '../concurrency/keyed-lock';

function repos(ctx: RepoContext): StoreTx {
  return {
    users: userRepo(ctx),
    loginAttempts: loginAttemptRepo(ctx),
    agents: agentRepo(ctx),
    queries: queryRepo(ctx),
    events: eventRepo(ctx),
    reviews: reviewRepo(ctx),
    attachments: attachmentRepo(ctx),
    identities: identityRepo(ctx),
    messageRefs: messageRefRepo(ctx),
    idempotency: idempotencyRepo(ctx),
    slaAlerts: slaAlertRepo(ctx),
    outbox: outboxRepo(ctx),
    queueHolders: queueHolderRepo(ctx),
    messages: queryMessageRepo(ctx),
    threads: conversationThreadRepo(ctx),
    copies: messageCopyRepo(ctx),
    parked: parkedMessageRepo(ctx),
  };
}

/** A context bound to `transaction`: what must land together lands in it. */
const boundTo = (sequelize: Sequelize, models: Models, transaction: Transaction): RepoContext => ({
  sequelize,
  models,
  transaction,
  atomic: (fn) => fn(transaction),
});

/** The Store port on Sequelize: MySQL/MariaDB through mysql2, or an embedded SQLite file. */
export class SequelizeStore implements Store {
  readonly users;
  readonly loginAttempts;
  readonly agents;
  readonly queries;
  readonly events;
  readonly reviews;
  readonly attachments;
  readonly identities;
  readonly messageRefs;
  readonly idempotency;
  readonly slaAlerts;
  readonly outbox;
  readonly queueHolders;
  readonly messages;
  readonly threads;
  readonly copies;
  readonly parked;
  readonly analytics: SqlAnalyticsStore;
  readonly dialect: 'mysql' | 'sqlite';
  private readonly models: Models;
  // SQLite has one writer: its transactions take turns instead of failing busy.
  private readonly writer = new KeyedLock<'sqlite'>();

  constructor(readonly sequelize: Sequelize) {
    this.dialect = sequelize.getDialect() === 'sqlite' ? 'sqlite' : 'mysql';
    this.models = defineModels(sequelize);
    const base = repos({
      sequelize,
      models: this.models,
      transaction: null,
      atomic: (fn) => this.inTransaction(fn),
    });
    this.users = base.users;
    this.loginAttempts = base.loginAttempts;
    this.agents = base.agents;
    this.queries = base.queries;
    this.events = base.events;
    this.reviews = base.reviews;
    this.attachments = base.attachments;
    this.identities = base.identities;
    this.messageRefs = base.messageRefs;
    this.idempotency = base.idempotency;
    this.slaAlerts = base.slaAlerts;
    this.outbox = base.outbox;
    this.queueHolders = base.queueHolders;
    this.messages = base.messages;
    this.threads = base.threads;
    this.copies = base.copies;
    this.parked = base.parked;
    this.analytics = new SqlAnalyticsStore(sequelize, this.dialect === 'sqlite' ? SQLITE : MYSQL);
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.inTransaction((t) => fn(repos(boundTo(this.sequelize, this.models, t))));
  }

  /** Runs fn in one database transaction, committed when it returns and rolled back when it throws. */
  private inTransaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    const run = () =>
      guarded(async () => {
        // MySQL, READ COMMITTED: conditional updates decide races; no gap locks to deadlock on. SQLite, IMMEDIATE:
        // the write lock is taken at BEGIN (waiting busy_timeout for it); a deferred transaction that reads first
        // fails at once with SQLITE_BUSY when another connection commits before its first write (WAL snapshot).
        const t = await this.sequelize.transaction(
          this.dialect === 'mysql'
            ? { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }
            : { type: Transaction.TYPES.IMMEDIATE },
        );
        let result: T;
        try {
          result = await fn(t);
        } catch (e) {
          // A lost connection fails the rollback too; the server rolls back what the connection left open.
          await t.rollback().catch(() => undefined);
          throw e;
        }
        try {
          await t.commit();
        } catch (e) {
          const outage = translateDbError(e);
          // Committed or not, the server alone knows: say so rather than "nothing was saved".
          throw outage instanceof StoreUnavailable ? new StoreUnavailable(e, true) : outage;
        }
        return result;
      });
    return this.dialect === 'sqlite' ? this.writer.run('sqlite', run) : run();
  }

  async openBulkImport(): Promise<BulkQueryImport | null> {
    return this.dialect === 'mysql' ? guarded(() => MysqlBulkImport.open(this.sequelize)) : null;
  }

  close(): Promise<void> {
    return this.sequelize.close();
  }
}

export interface OpenStoreOptions extends ConnectOptions {
  /** Apply pending migrations first (and create the MySQL database when missing). */
  migrate?: boolean;
}

/**
 * Opens the store at `databaseUrl`. With `migrate` it is created or brought up to date first; without, it must
 * exist and be migrated already: a command that does not create stores never turns a mistyped URL into a new one.
 */
export async function openStore(databaseUrl: string, opts: OpenStoreOptions = {}): Promise<SequelizeStore> {
  const target = parseDatabaseUrl(databaseUrl);
  if (!opts.migrate && target.dialect === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file))
    throw noSqliteFile(target.file);
  if (opts.migrate && target.dialect === 'mysql') await guarded(() => ensureMysqlDatabase(target));
  const sequelize = await guarded(() => connect(target, opts));
  try {
    if (opts.migrate) await withoutStatementBound(sequelize, () => migrate(sequelize));
    else await mustBeMigrated(sequelize, redact(databaseUrl));
    // Indexes a killed `cqms data load` dropped come back before anything reads the table.
    await guarded(() => finishInterruptedLoad(sequelize));
  } catch (e) {
    await sequelize.close().catch(() => undefined);
    throw e;
  }
  return new SequelizeStore(sequelize);
}

async function mustBeMigrated(sequelize: Sequelize, where: string): Promise<void> {
  const { applied, pending } = await guarded(() => migrationState(sequelize));
  if (pending.length > 0) throw notMigrated(`The database ${where}`, pending, applied);
}
