import { inPool, runCqms, type CqmsRun } from './run-cqms';

/** Nothing set at all, and everything set wrong (help must depend on neither). */
const ENVIRONMENTS: Record<string, Record<string, string>> = {
  empty: {},
  broken: {
    DATABASE_URL: 'postgres://nowhere/x',
    PORT: 'eighty',
    SLACK_BOT_TOKEN: 'xoxp-user-token',
    REDIS_URL: 'http://x',
    CQMS_SLA_FILE: '/nonexistent/sla.json',
  },
};

/** The subcommands a help text lists (its "Commands:" section), but `help` itself. */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

const expectHelp = (r: CqmsRun, path: string[]) => {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  expect(r.stdout).toMatch(new RegExp(`^Usage: ${['cqms', ...path].join(' ')} `));
};

describe.each(Object.keys(ENVIRONMENTS))('help with an %s environment', (name) => {
  const env = ENVIRONMENTS[name]!;

  it('cqms --help, every command and subcommand it lists with --help, and cqms help <command>: printed on stdout, exit 0', async () => {
    const top = await runCqms(['--help'], env);
    expectHelp(top, []);
    const commands = listedCommands(top.stdout);
    expect(commands).toEqual(
      expect.arrayContaining(['bot', 'worker', 'db', 'users', 'data', 'jobs', 'slack', 'discord', 'shell', 'demo']),
    );
    const seen: string[] = [];
    let level = commands.map((c) => [c]);
    while (level.length > 0) {
      const runs = await inPool(level, 3, (path) => runCqms([...path, '--help'], env));
      const nextLevel: string[][] = [];
      runs.forEach((r, i) => {
        const path = level[i]!;
        expectHelp(r, path);
        seen.push(path.join(' '));
        nextLevel.push(...listedCommands(r.stdout).map((c) => [...path, c]));
      });
      level = nextLevel;
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'bot',
        'worker',
        'users add',
        'users set-role',
        'data load',
        'jobs retry',
        'slack manifest',
        'discord register',
      ]),
    );
    // The help command says the same.
    const asked = await inPool([['help'], ['help', 'bot'], ['help', 'worker'], ['users', 'help', 'add']], 3, (a) =>
      runCqms(a, env),
    );
    expectHelp(asked[0]!, []);
    expectHelp(asked[1]!, ['bot']);
    expectHelp(asked[2]!, ['worker']);
    expectHelp(asked[3]!, ['users', 'add']);
  }, 240_000);
});
