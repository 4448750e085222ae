import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Sign-in attempts counted per subject: `user:<id>` for an account, `login:<sha-256 of the typed login>` when no
 * account has it, so a guess at an unknown login costs the same writes as one at a real account. An attempt is
 * counted here before its password is checked (one conditional UPDATE), so concurrent guesses cannot all pass.
 * The counts and locks kept in `users` until now move here; those two columns are no longer read or written.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('login_attempts', {
    subject: { type: DataTypes.STRING(80), allowNull: false, primaryKey: true },
    /** Checks taken since the last success or since the last lock ran out; the one that reaches the limit sets the lock. */
    failures: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: { type: DataTypes.BIGINT, allowNull: true },
  });
  const subject = qi.sequelize.getDialect() === 'mysql' ? "CONCAT('user:', id)" : "'user:' || id";
  await qi.sequelize.query(
    `INSERT INTO login_attempts (subject, failures, locked_until)
     SELECT ${subject}, failed_logins, locked_until FROM users
     WHERE failed_logins > 0 OR locked_until IS NOT NULL`,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('login_attempts');
}
