import { type Metrics, QUEUE_STATES } from '../adapters/observability/metrics';
import { MeteredDesk } from '../adapters/observability/metered-desk';
import { opsRoutes, type OpsHandler } from '../adapters/observability/ops-routes';
import { startOpsServer, type OpsServer } from '../adapters/observability/ops-server';
import { databaseProbe } from '../adapters/observability/probes';
import type { RedisProbe } from '../adapters/observability/redis-probe';
import type { ReadinessCheck } from '../adapters/observability/readiness';
import { inRequest, newRequestId } from '../adapters/observability/request-context';
import type { Queue } from 'bullmq';
import { SequelizeStore } from '../adapters/storage/sequelize-store';
import { Desk } from '../core/conversation/desk';
import type { DeskDeps } from '../core/desk/desk-deps';
import { bullmqSettings, type DeskRuntime } from './desk-wiring';
import type { Environment } from './environment';

/** Runs `run` as one request: with the id the platform gave it, or a generated one. */
export function inRequestWithId<T>(id: string | undefined, run: () => T): T {
  return inRequest(id ?? newRequestId(), run);
}

/** The desk the chat surfaces call: counting commands when there are metrics. */
export function deskFor(deps: DeskDeps, metrics: Metrics | undefined): Desk {
  return metrics ? new MeteredDesk(deps, (command, outcome) => metrics.commandRan(command, outcome)) : new Desk(deps);
}

/** Wraps each job run: its log lines carry the job id; its duration is recorded by name when there are metrics. */
export function observedJobs(metrics: Metrics | undefined, queue: string) {
  return (job: { id: string; name: string }, run: () => Promise<void>): Promise<void> =>
    inRequest(`job-${job.id}`, async () => {
      const started = performance.now();
      let ok = false;
      try {
        await run();
        ok = true;
      } finally {
        metrics?.jobRan(queue, job.name, performance.now() - started, ok);
      }
    });
}

/** A process's health and metrics endpoints and what they read. */
export interface ProcessOps {
  readonly metrics: Metrics;
  /** Where a server of the process's own answers; null when another server (Slack's) serves them. */
  readonly url: string | null;
  /** Database and Redis checks and gauges, once the desk is built: /readyz answers 503 (starting) until then. */
  attach(runtime: DeskRuntime): Promise<void>;
  /** /readyz answers 503 (stopping) from now on. */
  drain(): void;
  close(): Promise<void>;
}

export interface StartOpsOptions {
  port: number;
  host?: string;
  /** Offered the endpoints first (Slack's HTTP server); a server of our own listens on `port` when none takes them. */
  hosts?: readonly { serveOps?(handler: OpsHandler): boolean }[];
  readyTimeoutMs?: number;
}

export async function startOps(env: Environment, metrics: Metrics, o: StartOpsOptions): Promise<ProcessOps> {
  let state: readonly ReadinessCheck[] | 'starting' | 'stopping' = 'starting';
  const handler = opsRoutes({
    metrics,
    checks: () => state,
    ...(o.readyTimeoutMs ? { timeoutMs: o.readyTimeoutMs } : {}),
  });
  const served = (o.hosts ?? []).some((h) => h.serveOps?.(handler));
  const server: OpsServer | null = served
    ? null
    : await startOpsServer(handler, { port: o.port, ...(o.host ? { host: o.host } : {}) });
  let redis: RedisProbe | undefined;
  let depthReader: Queue | undefined;
  return {
    metrics,
    url: server?.url ?? null,
    async attach(runtime) {
      const checks: ReadinessCheck[] = [];
      const { store } = runtime.deps;
      if (store instanceof SequelizeStore) {
        const db = databaseProbe(store.sequelize);
        checks.push(db);
        metrics.watchDatabase(db);
      }
      if (env.REDIS_URL) {
        // Loaded only with Redis configured: a bot on the in-process queue never loads ioredis or bullmq.
        const [{ redisProbe }, { DEFAULT_QUEUE_NAME, redisConnection }, { Queue }] = await Promise.all([
          import('../adapters/observability/redis-probe.js'),
          import('../adapters/queue/bullmq-queue.js'),
          import('bullmq'),
        ]);
        const probe = redisProbe(redisConnection(env.REDIS_URL) as Record<string, unknown>);
        const queuePrefix = bullmqSettings(env).prefix;
        redis = probe;
        checks.push(probe);
        metrics.watchQueue({
          name: DEFAULT_QUEUE_NAME,
          counts: async () => {
            await probe.check(); // connected, or the scrape counts an error at once
            // On the probe's connection: one client to close, which closes at once even after Redis came and went.
            depthReader ??= new Queue(DEFAULT_QUEUE_NAME, {
              connection: probe.client,
              ...(queuePrefix ? { prefix: queuePrefix } : {}),
            });
            return depthReader.getJobCounts(...QUEUE_STATES);
          },
        });
      }
      if (state !== 'stopping') state = checks;
    },
    drain() {
      state = 'stopping';
    },
    async close() {
      state = 'stopping';
      await server?.close();
      await depthReader?.close();
      await redis?.close();
    },
  };
}
