/**
 * The chart side of bench/slack-ack-bench.ts --charts: a renderer that notes when each chart was drawn (asked for
 * over IPC by the load generator), and the `cqms worker` child that draws them when the bot queues on Redis.
 */
import type { ChildProcess } from 'node:child_process';
import { chartRenderer } from '../adapters/charts/choose-renderer';
import { OneAtATimeRenderer } from '../adapters/charts/one-at-a-time-renderer';
import { readEnvironment } from '../bot/environment';
import { SlackPlatform, slackSettings } from '../bot/slack-wiring';
import { startWorker } from '../bot/worker-process';
import type { ChartRenderer } from '../core/ports/chart-renderer';

/** The local renderer (one chart at a time, as the in-process desk draws), noting when each chart was done. */
export function recordingRenderer(): ChartRenderer {
  const inner = chartRenderer({});
  const drawnAt: number[] = [];
  process.on('message', (m) => {
    if (m === 'renders') process.send!({ renders: drawnAt });
  });
  return new OneAtATimeRenderer({
    async render(spec) {
      const out = await inner.render(spec);
      drawnAt.push(Date.now());
      return out;
    },
  });
}

/** In a child: `cqms worker` on the parent's Redis, posting to the fake Slack; stops on 'stop'. */
export async function workerChild(): Promise<void> {
  const quiet = {
    info: () => undefined,
    warn: () => undefined,
    error: (m: string, e?: unknown) => process.stderr.write(`${m} ${String(e)}\n`),
  };
  const env = readEnvironment({
    ...process.env,
    SLACK_APP_TOKEN: 'xapp-unused',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
    CQMS_DIGEST_DAILY_CRON: 'off',
    CQMS_DIGEST_WEEKLY_CRON: 'off',
  });
  const slack = new SlackPlatform(slackSettings(env)!, {
    log: quiet,
    clientOptions: { retryConfig: { retries: 0 }, timeout: 5000 },
  });
  const worker = await startWorker(env, { log: quiet, platforms: [slack], charts: recordingRenderer() });
  process.send!({ url: '' });
  process.on('message', (m) => {
    if (m === 'stop') void worker.stop().then(() => process.exit(0));
  });
}

/** When the drawing process finished each chart so far (epoch ms). */
export function renderTimes(proc: ChildProcess): Promise<number[]> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (typeof m !== 'object' || m === null || !('renders' in m)) return;
      proc.off('message', on);
      resolve((m as { renders: number[] }).renders);
    };
    proc.on('message', on);
    proc.send('renders');
  });
}
