import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENT_KEYS, readEnvironment } from '../../bot/environment';
import { composeNodeOptions } from './compose-node-options';

const ROOT = join(__dirname, '..', '..');
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');

/** Variables of docker-compose.yml itself (the MySQL service's passwords), which cqms never reads. */
const COMPOSE_ONLY = ['MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD'];

interface Documented {
  key: string;
  value: string;
  active: boolean;
  comment: string | undefined;
}

/** `KEY=value` (set) and `# KEY=value` (optional, shown) lines of .env.example, each with the comment line above it. */
function documented(text: string): Documented[] {
  const lines = text.split('\n');
  const out: Documented[] = [];
  lines.forEach((line, i) => {
    const m = /^(# ?)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) return;
    const above = lines[i - 1];
    const isComment = above !== undefined && /^# /.test(above) && !/^# ?[A-Z][A-Z0-9_]*=/.test(above);
    out.push({ key: m[2]!, value: m[3]!, active: !m[1], comment: isComment ? above.slice(2).trim() : undefined });
  });
  return out;
}

describe('.env.example', () => {
  const entries = documented(read('.env.example'));

  it('lists exactly the variables the environment schema reads, plus the compose file own', () => {
    const keys = entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...ENVIRONMENT_KEYS, ...COMPOSE_ONLY].sort());
  });

  it('explains every variable in the line above it', () => {
    const undocumented = entries.filter((e) => !e.comment || e.comment.length < 10).map((e) => e.key);
    expect(undocumented).toEqual([]);
  });

  it('has values the schema accepts, and compose uses its own variables', () => {
    const active = Object.fromEntries(entries.filter((e) => e.active).map((e) => [e.key, e.value]));
    expect(() => readEnvironment(active)).not.toThrow();
    const compose = read('docker-compose.yml');
    for (const key of COMPOSE_ONLY) expect(compose).toContain(`\${${key}:?`);
  });
});

/** `docker compose` (v2) when the plugin answers, else the standalone `docker-compose`, else null with the reason. */
function composeCommand(): { argv: string[] } | { reason: string } {
  const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
  if (!ok('docker', ['--version'])) return { reason: 'docker is not on PATH' };
  if (ok('docker', ['compose', 'version'])) return { argv: ['docker', 'compose'] };
  if (ok('docker-compose', ['version'])) return { argv: ['docker-compose'] };
  return { reason: 'docker is on PATH but neither `docker compose` nor `docker-compose` answers' };
}

const compose = composeCommand();
if ('reason' in compose) process.stderr.write(`docker-compose.yml not checked by compose: ${compose.reason}\n`);
const withCompose = 'argv' in compose ? it : it.skip;

describe('docker-compose.yml', () => {
  it("gives the bot a heap budget (the load bench's memory target is met with it) and leaves the worker's heap free", () => {
    const compose = read('docker-compose.yml');
    expect(composeNodeOptions(compose, 'bot')).toMatch(/^--max-old-space-size=\d+ --max-semi-space-size=\d+$/);
    expect(composeNodeOptions(compose, 'worker')).toBeNull();
    expect(composeNodeOptions(compose, 'nope')).toBeNull();
  });

  withCompose('is accepted by `compose config`, with .env made from .env.example', () => {
    const [cmd, ...pre] = (compose as { argv: string[] }).argv as [string, ...string[]];
    const dir = mkdtempSync(join(tmpdir(), 'cqms-compose-'));
    try {
      copyFileSync(join(ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
      copyFileSync(join(ROOT, '.env.example'), join(dir, '.env'));
      copyFileSync(join(ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
      const run = (args: string[]) =>
        spawnSync(cmd, [...pre, '-f', 'docker-compose.yml', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', HOME: dir },
        });
      const quiet = run(['config', '--quiet']);
      expect({ status: quiet.status, stderr: quiet.stderr }).toEqual({ status: 0, stderr: '' });
      const full = run(['config']);
      expect(full.status).toBe(0);
      for (const service of ['mysql:', 'redis:', 'migrate:', 'bot:', 'worker:']) expect(full.stdout).toContain(service);
      expect(full.stdout.match(/condition: service_healthy/g)?.length).toBe(5);
      expect(full.stdout.match(/condition: service_completed_successfully/g)?.length).toBe(2);
      expect(full.stdout).toContain('mysql://cqms:change-me@mysql:3306/cqms');
      // The root password goes to the MySQL service only, not into the app's containers.
      expect(full.stdout.match(/change-me-too/g)).toHaveLength(1);
      // Without the passwords compose refuses to start rather than create a MySQL user with an empty one.
      writeFileSync(
        join(dir, '.env'),
        read('.env.example')
          .split('\n')
          .filter((l) => !l.startsWith('MYSQL_'))
          .join('\n'),
      );
      const missing = run(['config', '--quiet']);
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/set MYSQL_PASSWORD in \.env|set MYSQL_ROOT_PASSWORD in \.env/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
