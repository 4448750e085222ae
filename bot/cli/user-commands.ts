import { Argument, Option, type Command } from 'commander';
import { ROLES } from '../../core/domain/roles';
import type { UserSummary } from '../../core/domain/user';
import { addUser, findUser, listUsers, setUserRole } from '../../core/users/manage-users';
import type { CliContext } from './cli-context';
import { wholeNumber } from './option-values';

const row = (u: UserSummary) =>
  [
    String(u.id).padStart(5),
    u.username.padEnd(24),
    u.role.padEnd(7),
    (u.email ?? '-').padEnd(32),
    u.mobile ?? '-',
  ].join('  ');

export function registerUserCommands(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('manage accounts (operator)');

  users
    .command('add')
    .description('create an account')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--mobile <mobile>', '10-digit Indian mobile')
    .addOption(new Option('--role <role>', "the account's role").choices(ROLES).default('client'))
    .option('--name <display>', 'display name')
    .option('--password <password>', 'password (or set CQMS_PASSWORD to keep it out of shell history)')
    .option('--legacy-sha256 <hex>', "the old system's unsalted SHA-256 hash; upgraded on first sign-in")
    .action((o: Record<string, string | undefined>) =>
      ctx.withDesk(async (deps) => {
        const password = o.password ?? ctx.env.CQMS_PASSWORD;
        const u = await addUser(deps, 'operator', {
          username: o.username,
          email: o.email,
          mobile: o.mobile,
          role: o.role,
          displayName: o.name,
          password,
          ...(o.legacySha256 ? { legacySha256: o.legacySha256 } : {}),
        });
        ctx.out(`Created ${u.role} ${u.username} (#${u.id}).`);
      }),
    );

  users
    .command('list')
    .description('list accounts')
    .addOption(new Option('--role <role>', 'only this role').choices(ROLES))
    .option('--page <n>', 'page number', wholeNumber(1, 1_000_000), 1)
    .action((o: { role?: string; page: number }) =>
      ctx.withDesk(async (deps) => {
        const { page } = o;
        const res = await listUsers(deps, 'operator', { ...(o.role ? { role: o.role } : {}), page, pageSize: 50 });
        ctx.out(
          [
            '   id  username                  role     email                             mobile',
            ...res.rows.map(row),
          ].join('\n'),
        );
        ctx.out(`${res.total} account(s); page ${page} of ${Math.max(1, Math.ceil(res.total / 50))}.`);
      }),
    );

  users
    .command('set-role')
    .description('change the role of a user given by id, username, email or mobile')
    .argument('<user>', 'id, username, email or mobile')
    .addArgument(new Argument('<role>', 'the new role').choices(ROLES))
    .action((who: string, role: string) =>
      ctx.withDesk(async (deps) => {
        const u = await findUser(deps, who);
        const updated = await setUserRole(deps, 'operator', u.id, role);
        ctx.out(`${updated.username} now has the role ${updated.role}.`);
      }),
    );
}
