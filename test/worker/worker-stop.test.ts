import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import { buildDesk } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { startWorker } from '../../bot/worker-process';
import { createQuery } from '../../core/queries/create-query';
import { makeActor } from '../support/test-desk';
import { ownMysqlAndRedis, quietLog } from '../support/worker-env';
import { notifierPlatform } from '../support/notifier-platform';

// One MySQL database and one redis-server of their own for both suites below.
const own = ownMysqlAndRedis();

describe('cqms worker stops gracefully', () => {
  it('finishes the job it is running before it stops (as on SIGTERM)', async () => {
    const events: string[] = [];
    let started: () => void = () => undefined;
    const running = new Promise<void>((r) => (started = r));
    const slow: PlatformNotifier = {
      platform: 'shell',
      postAlert: async () => undefined,
      postCharts: async () => undefined,
      postReport: async () => undefined,
      async upsertChannelCard(queryId) {
        events.push(`start ${queryId}`);
        started();
        await new Promise((r) => setTimeout(r, 400));
        events.push(`done ${queryId}`);
      },
      sendDirect: async () => true,
    };
    const platform = notifierPlatform('slow', slow);
    const env = readEnvironment({ DATABASE_URL: own.store().url, REDIS_URL: own.redis().url });
    const worker = await startWorker(env, { log: quietLog, platforms: [platform] });
    const bot = await buildDesk(env, { relay: true });
    try {
      const zoe = await makeActor(bot.deps, 'client', 'zoe');
      const { query } = await createQuery(bot.deps, zoe, {
        category: 'Bug Report',
        heading: 'slow card',
        description: 'd',
      });
      await running;
      await worker.stop();
      events.push('stopped');
      expect(events).toEqual([`start ${query.id}`, `done ${query.id}`, 'stopped']);
    } finally {
      await bot.close();
      await worker.stop();
    }
  }, 30_000);
});

describe('the cqms worker process', () => {
  it('runs until SIGTERM, then stops cleanly with exit code 0', async () => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'bot/cli.ts', 'worker'], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: own.store().url, REDIS_URL: own.redis().url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; i < 400 && !out.includes('CQMS worker running'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('CQMS worker running');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: finishing active jobs, then stopping');
    expect(out).toContain('CQMS worker stopped.');
  }, 40_000);
});
