import { readFileSync } from 'node:fs';
import { argon2Hasher } from '../adapters/crypto/argon2-hasher';
import { openStore } from '../adapters/storage/sequelize-store';
import { DEFAULT_DESK_CONFIG, type DeskConfig } from '../core/config/desk-config';
import type { DeskDeps } from '../core/desk/desk-deps';
import { systemClock } from '../core/ports/clock';
import { slaPolicySchema } from '../core/sla/sla-policy';
import { parseInput } from '../core/schemas/parse-input';
import type { Environment } from './environment';
import { InProcessQueue } from '../adapters/queue/in-process-queue';
import { CompositeNotifier, type PlatformNotifier } from '../adapters/notify/composite-notifier';
import { notificationJobHandler } from '../core/notifications/notification-job';

export function deskConfig(env: Environment): DeskConfig {
  const config: DeskConfig = { ...DEFAULT_DESK_CONFIG };
  if (env.CQMS_CATEGORIES?.length) config.categories = env.CQMS_CATEGORIES;
  if (env.CQMS_SLA_FILE) config.sla = parseInput(slaPolicySchema, JSON.parse(readFileSync(env.CQMS_SLA_FILE, 'utf8')));
  return config;
}

export interface DeskRuntime {
  deps: DeskDeps;
  queue: InProcessQueue;
  close(): Promise<void>;
}

/**
 * The composition root shared by every entry point: store, clock, hasher, config, and the job queue
 * delivering notifications through the platforms configured (none for the plain CLI).
 */
export async function buildDesk(env: Environment, opts: { migrate?: boolean; notifiers?: PlatformNotifier[] } = {}): Promise<DeskRuntime> {
  const store = await openStore(env.DATABASE_URL, { migrate: opts.migrate ?? false });
  let deps: DeskDeps | undefined;
  const queue = new InProcessQueue(notificationJobHandler(() => deps as DeskDeps, new CompositeNotifier(opts.notifiers ?? [])));
  deps = { store, clock: systemClock, config: deskConfig(env), hasher: argon2Hasher(), jobs: queue };
  return {
    deps,
    queue,
    async close() {
      await queue.close();
      await store.close();
    },
  };
}
