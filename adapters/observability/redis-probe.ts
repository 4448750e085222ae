import { Redis } from 'ioredis';
import type { ReadinessCheck } from './readiness';

export interface RedisProbe extends ReadinessCheck {
  /** The probe's connection, for other readers of this process's ops (the queue depth). */
  readonly client: Redis;
  close(): Promise<void>;
}

/**
 * PING on a connection of its own, which fails at once while Redis is away (no offline queue) and
 * reconnects by itself; the probe never waits for it.
 */
export function redisProbe(options: Record<string, unknown>): RedisProbe {
  const client = new Redis({
    ...options,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 1000,
  });
  client.on('error', () => undefined); // reported by check(), not as an unhandled error event
  let connecting: Promise<void> | undefined;
  return {
    name: 'redis',
    client,
    async check() {
      if (client.status === 'wait') connecting ??= client.connect();
      if (connecting) await connecting.finally(() => (connecting = undefined));
      const pong = await client.ping();
      if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
    },
    async close() {
      client.disconnect();
    },
  };
}
