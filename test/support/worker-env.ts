import type { BotLog } from '../../bot/bot-process';
import { freePort, OwnRedis } from './redis-server';
import { openTestStore, type TestStore } from './test-stores';

export const quietLog: BotLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A MySQL database and a redis-server of the suite's own, opened before its tests and removed after. */
export function ownMysqlAndRedis(): { store: () => TestStore; redis: () => OwnRedis } {
  let ts: TestStore | undefined;
  let redis: OwnRedis | undefined;
  beforeAll(async () => {
    ts = await openTestStore('mysql');
    redis = new OwnRedis(await freePort());
    await redis.start();
  });
  afterAll(async () => {
    await redis?.kill();
    await ts?.dispose();
  });
  return { store: () => ts as TestStore, redis: () => redis as OwnRedis };
}
