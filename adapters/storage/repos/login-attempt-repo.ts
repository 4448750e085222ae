import { QueryTypes } from 'sequelize';
import type { LoginAttemptRepo } from '../../../core/ports/login-attempts';
import { guarded } from '../db-errors';
import { toDateOrNull } from '../row-mapping';
import type { RepoContext } from './repo-context';

// Makes the subject's row exist, and restarts the count of one whose lock has run out at `now`. Only the first
// of racing attempts restarts it: for the others the lock is already gone. MySQL evaluates assignments left to
// right, so failures (read against the old lock) is set before locked_until.
const OPEN_SQLITE = `INSERT INTO login_attempts (subject, failures, locked_until) VALUES (:subject, 0, NULL)
  ON CONFLICT (subject) DO UPDATE SET failures = 0, locked_until = NULL WHERE locked_until <= :now`;
const OPEN_MYSQL = `INSERT INTO login_attempts (subject, failures, locked_until) VALUES (:subject, 0, NULL)
  ON DUPLICATE KEY UPDATE failures = IF(locked_until <= :now, 0, failures), locked_until = IF(locked_until <= :now, NULL, locked_until)`;

// The check itself: taken only while no lock is set, and the one that reaches the limit sets the lock. One
// statement, so the database decides among concurrent attempts. locked_until first: on MySQL a later assignment
// would read the new failures.
const TAKE = `UPDATE login_attempts
  SET locked_until = CASE WHEN failures + 1 >= :max THEN :lockEnd ELSE NULL END, failures = failures + 1
  WHERE subject = :subject AND locked_until IS NULL`;

/** The same three statements for every attempt, whoever the subject is: the write pattern tells nothing. */
export function loginAttemptRepo({
  sequelize: db,
  models: { LoginAttempt },
  transaction,
}: RepoContext): LoginAttemptRepo {
  return {
    take: (subject, now, rule) =>
      guarded(async () => {
        const at = now.getTime();
        await db.query(db.getDialect() === 'mysql' ? OPEN_MYSQL : OPEN_SQLITE, {
          replacements: { subject, now: at },
          transaction,
        });
        const [, changed] = await db.query(TAKE, {
          replacements: { subject, max: rule.maxFailures, lockEnd: at + rule.lockMs },
          type: QueryTypes.UPDATE,
          transaction,
        });
        const row = await LoginAttempt.findByPk(subject, { attributes: ['lockedUntil'], raw: true, transaction });
        return { granted: changed === 1, lockedUntil: row ? toDateOrNull(row.lockedUntil) : null };
      }),
    clear: (subject) => guarded(async () => void (await LoginAttempt.destroy({ where: { subject }, transaction }))),
  };
}
