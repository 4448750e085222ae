import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import { readEnvironment } from '../../bot/environment';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import { createQuery } from '../../core/queries/create-query';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { TINY_PNG } from '../support/png';
import { freePort, OwnRedis } from '../support/redis-server';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore } from '../support/test-stores';
import { quietLog } from '../support/worker-env';
import { notifierPlatform } from '../support/notifier-platform';

/** The sweep's interval in this scenario; an alert or a digest later than this after it was due is late. */
export const SWEEP_EVERY_MS = 3_000;
/** What a delivery may take after the sweep (or the schedule) fired it: the relay, the queue, the post. */
export const DELIVERY_MS = 2_000;
/** First response due 7.2 s after raising, its warning at half of it. */
const FIRST_RESPONSE_MS = 7_200;
const WARN_AT = 0.5;

export interface EmptyRedisResult {
  /** Alerts expected after Redis came back (the first response's warning and breach), and digest ticks. */
  alerts: number;
  digests: number;
  /** Deliveries beyond the first of one alert (per delivery key) or of one digest tick. */
  duplicates: number;
  /** Alerts, and digests, not there within one sweep interval (plus DELIVERY_MS) of being due, or never. */
  lateAlerts: number;
  lateDigests: number;
  /** How long after being due each arrived (ms), by name. */
  delays: Record<string, number | null>;
}

const tinyCharts: ChartRenderer = { render: async () => ({ png: TINY_PNG, width: 1, height: 1 }) };

/** Records what reached the platform, and when. */
function recorder(): PlatformNotifier & { alerts: { key: string; at: number }[]; reports: number[] } {
  const alerts: { key: string; at: number }[] = [];
  const reports: number[] = [];
  return {
    platform: 'shell',
    alerts,
    reports,
    upsertChannelCard: async () => undefined,
    postAlert: async (_channel, alert) => void alerts.push({ key: alert.deliveryKey ?? '', at: Date.now() }),
    postCharts: async () => undefined,
    postReport: async () => void reports.push(Date.now()),
    sendDirect: async () => true,
  };
}

/**
 * Two workers (the real startWorker, in this process) on one MySQL database and a redis-server of the
 * scenario's own without persistence, an SLA sweep every 3 s and a digest every minute. Redis is killed and
 * started again empty, then a query is raised whose first response is due 7.2 s later: its warning and breach
 * alerts and the next digest tick must each arrive once, within one sweep interval of being due.
 */
export async function emptyRedis(): Promise<EmptyRedisResult> {
  const db = await openTestStore('mysql');
  const redis = new OwnRedis(await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'cqms-sla-'));
  const workers: WorkerHandle[] = [];
  try {
    await redis.start();
    const slaFile = join(dir, 'sla.json');
    writeFileSync(
      slaFile,
      JSON.stringify({
        default: { firstResponseHours: FIRST_RESPONSE_MS / 3_600_000, resolutionHours: 1 },
        warnAt: WARN_AT,
      }),
    );
    const env = readEnvironment({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      CQMS_SLA_FILE: slaFile,
      CQMS_DIGEST_DAILY_CRON: '* * * * *',
      CQMS_DIGEST_WEEKLY_CRON: 'off',
    });
    const seen = recorder();
    const platform = notifierPlatform('recording', seen);
    for (let i = 0; i < 2; i++)
      workers.push(
        await startWorker(env, {
          log: quietLog,
          platforms: [platform],
          slaSweepEveryMs: SWEEP_EVERY_MS,
          scheduleRetryMs: 500,
          charts: tinyCharts,
        }),
      );
    await Promise.all(workers.map((w) => w.sweepScheduled));

    await redis.kill();
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();
    const back = Date.now();
    const deps = testDesk(db.store);
    deps.clock.set(new Date());
    const zoe = await makeActor(deps, 'client', 'zoe');
    deps.clock.set(new Date());
    const { query } = await createQuery(deps, zoe, {
      category: 'Bug Report',
      heading: 'raised after Redis came back empty',
      description: 'd',
    });
    const raised = query.createdAt.getTime();
    const due = {
      warning: raised + WARN_AT * FIRST_RESPONSE_MS,
      breach: raised + FIRST_RESPONSE_MS,
      digest: Math.ceil(back / 60_000) * 60_000,
    };
    const end = Math.max(...Object.values(due)) + SWEEP_EVERY_MS + DELIVERY_MS + 2_000;
    await new Promise((r) => setTimeout(r, end - Date.now()));

    const delays: Record<string, number | null> = {};
    let duplicates = 0;
    let lateAlerts = 0;
    let alerts = 0;
    for (const level of ['warning', 'breach'] as const) {
      const keys = new Set(
        seen.alerts.filter((a) => a.key.startsWith(`slaAlert:${query.id}:firstResponse:${level}:`)).map((a) => a.key),
      );
      if (!keys.size) keys.add(`slaAlert:${query.id}:firstResponse:${level}:support`);
      for (const key of keys) {
        alerts += 1;
        const got = seen.alerts.filter((a) => a.key === key);
        duplicates += Math.max(0, got.length - 1);
        delays[key] = got[0] ? got[0].at - due[level] : null;
        if (!got[0] || got[0].at - due[level] > SWEEP_EVERY_MS + DELIVERY_MS) lateAlerts += 1;
      }
    }
    const ticks = seen.reports.filter((at) => at >= due.digest);
    duplicates += Math.max(0, ticks.length - 1);
    delays.digest = ticks[0] === undefined ? null : ticks[0] - due.digest;
    const lateDigests = ticks[0] === undefined || ticks[0] - due.digest > SWEEP_EVERY_MS + DELIVERY_MS ? 1 : 0;
    return { alerts, digests: 1, duplicates, lateAlerts, lateDigests, delays };
  } finally {
    for (const w of workers) await w.stop();
    await redis.kill();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
