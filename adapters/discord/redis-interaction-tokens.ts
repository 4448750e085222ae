import { Redis } from 'ioredis';
import { redisConnection } from '../queue/bullmq-queue';
import { TOKEN_LIFETIME_MS, type InteractionToken, type InteractionTokens } from './recent-interactions';

/**
 * The latest interaction token of each Discord user in Redis, one key per user expiring with the token (less
 * the minute in hand), so the worker that delivers a notification can follow up on an interaction the bot
 * answered. Errors are reported by message only: ioredis attaches the command's arguments, the token among
 * them, to its errors.
 */
export class RedisInteractionTokens implements InteractionTokens {
  private readonly client: Redis;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    // Connects on first use; commands fail rather than wait while Redis is away (the caller treats that as no token).
    this.client = new Redis({
      ...(redisConnection(redisUrl) as Record<string, unknown>),
      lazyConnect: true,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
    });
    this.client.on('error', () => undefined);
  }

  async answered(userId: string, applicationId: string, token: string): Promise<void> {
    const value: InteractionToken = { applicationId, token, at: this.now() };
    await messageOnly(this.client.set(this.key(userId), JSON.stringify(value), 'PX', TOKEN_LIFETIME_MS));
  }

  async valid(userId: string): Promise<InteractionToken | null> {
    const raw = await messageOnly(this.client.get(this.key(userId)));
    if (!raw) return null;
    const t = JSON.parse(raw) as InteractionToken;
    return this.now() - t.at < TOKEN_LIFETIME_MS ? t : null;
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }

  /** Within the desk's key prefix (CQMS_QUEUE_PREFIX), apart from BullMQ's keys (`<prefix>:<queue>:...`). */
  key(userId: string): string {
    return `${this.prefix}:discord-interaction:${userId}`;
  }
}

async function messageOnly<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw new Error(`Redis: ${e instanceof Error ? e.message : String(e)}`);
  }
}
