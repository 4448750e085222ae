import type { Command } from 'commander';
import type { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { EnvironmentError } from '../environment';
import { within } from '../../core/async/within';
import type { CliContext } from './cli-context';
import { CommandFailed } from './error-sink';
import { wholeNumber } from './option-values';

export function registerWorkerCommands(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description(
      'run background jobs on BullMQ (REDIS_URL): notifications through the configured platforms, and the outbox relay',
    )
    .option('--concurrency <n>', 'jobs run at once', wholeNumber(1, 1000))
    .action(async (o: { concurrency?: number }) => {
      // The worker's modules (bullmq, the chat libraries' notifiers) load on use, keeping other commands light.
      const { startWorker } = await import('../worker-process.js');
      const { processLog } = await import('../process-log.js');
      const { log } = processLog(ctx.env, 'worker');
      const worker = await startWorker(ctx.env, {
        log,
        signals: true,
        shutdownGraceMs: ctx.env.CQMS_SHUTDOWN_GRACE_MS,
        ops: { port: ctx.env.WORKER_PORT },
        ...(o.concurrency ? { concurrency: o.concurrency } : {}),
      });
      ctx.out('CQMS worker running. SIGTERM or Ctrl-C lets the active jobs finish, then stops.');
      await worker.stopped;
      ctx.out('CQMS worker stopped.');
    });

  const jobs = program.command('jobs').description('inspect the job queue (REDIS_URL)');
  jobs
    .command('failed')
    .description('list jobs that used up their attempts')
    .option('--limit <n>', 'how many', wholeNumber(1, 10_000), 50)
    .action(async (o: { limit: number }) =>
      withQueue(ctx, async (q) => {
        const failed = await q.failed(o.limit);
        if (failed.length === 0) ctx.out('No failed jobs.');
        for (const f of failed) {
          const what =
            f.data.name === 'notify'
              ? `${f.data.intent.kind}${f.data.intent.kind === 'tellClient' ? ` ${f.data.intent.event}` : ''} query #${f.data.intent.queryId}`
              : f.data.name;
          ctx.out(
            `${f.id}  ${f.name} (${what})  ${f.attemptsMade} attempts  ${f.finishedOn?.toISOString() ?? ''}  ${f.failedReason}`,
          );
        }
      }),
    );
  jobs
    .command('retry <id>')
    .description('put a failed job back in the queue with fresh attempts')
    .action(async (id: string) =>
      withQueue(ctx, async (q) => {
        if (!(await q.retry(id))) throw new CommandFailed(`No failed job has the id ${id} (see cqms jobs failed).`);
        ctx.out(`Job ${id} is queued again.`);
      }),
    );
}

/** How long `cqms jobs` waits for Redis to answer (it connects in milliseconds when it is there). */
const REDIS_READY_MS = 10_000;

async function withQueue(ctx: CliContext, fn: (q: BullmqQueue) => Promise<void>): Promise<void> {
  if (!ctx.env.REDIS_URL)
    throw new EnvironmentError('Jobs run in-process without REDIS_URL; set REDIS_URL to see the BullMQ queue.');
  const { BullmqQueue } = await import('../../adapters/queue/bullmq-queue.js');
  const { bullmqSettings } = await import('../desk-wiring.js');
  const q = new BullmqQueue(bullmqSettings(ctx.env));
  try {
    // ioredis retries a Redis that is away for ever; the command says so instead of waiting with it.
    await within(q.queue.waitUntilReady(), REDIS_READY_MS, () => {
      throw new CommandFailed(
        `Cannot reach Redis at ${new URL(q.settings.redisUrl).host} within ${REDIS_READY_MS / 1000} s: check that it is running and REDIS_URL.`,
      );
    });
    await fn(q);
  } finally {
    await q.close();
  }
}
