import { randomBytes } from 'node:crypto';
import { APP_ID, SUPPORT_CHANNEL } from '../discord/discord-ids';
import type { TestUser } from '../discord/discord-driver';
import { bounded, startDiscordHarness, type DiscordHarness } from '../discord/discord-harness';
import { MessageDriver } from '../discord/message-driver';
import { CqmsProcess } from '../resilience/cli-process';
import { dropQueue } from '../resilience/fault-support';
import { FakeSlack } from '../slack/fake-slack';
import { SlackDriver } from '../slack/slack-driver';
import { slackBeside, slackEnvOn, slackPlatformOf } from './slack-beside-discord';
import { SlackEvents } from '../slack/slack-events';
import { REDIS_URL } from './queues-under-test';
import { linkSlackUser } from './slack-member';

export { SLACK_SUPPORT } from './slack-beside-discord';

export interface TwoPlatformDesk {
  /** The bot (real discord.js on the fake gateway, real Bolt in HTTP mode), its store, log and Discord drivers. */
  h: DiscordHarness;
  fakeSlack: FakeSlack;
  /** Slash commands, buttons and modals on Slack. */
  slack: SlackDriver;
  /** Messages, edits and deletions on Slack (signed event_callback requests). */
  events: SlackEvents;
  /** Messages, edits and deletions on Discord (gateway dispatches). */
  say: MessageDriver;
  /** The `cqms worker` process delivering every notification and conversation copy. */
  worker: CqmsProcess;
  /** Creates an account, linked to a Discord user and, when `slackUserId` is given, to a Slack user too. */
  member(role: 'client' | 'agent' | 'lead', username: string, discord: TestUser, slackUserId?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * One desk on both platforms, as production runs it with Redis: one bot with Discord and Slack configured (MySQL,
 * BullMQ under a key prefix of its own), and a `cqms worker` process that delivers through the same two fakes.
 */
export async function startTwoPlatformDesk(): Promise<TwoPlatformDesk> {
  const prefix = `cqms-2p-${process.pid}-${randomBytes(3).toString('hex')}`;
  const fakeSlack = await FakeSlack.start();
  const slackEnv = slackEnvOn(fakeSlack);
  const h = await startDiscordHarness('mysql', {
    env: { ...slackEnv, PORT: '0', REDIS_URL, CQMS_QUEUE_PREFIX: prefix },
    more: slackBeside,
  });
  const slackPlatform = slackPlatformOf(h);
  const worker = new CqmsProcess(['worker'], {
    ...slackEnv,
    DATABASE_URL: h.store.url,
    REDIS_URL,
    CQMS_QUEUE_PREFIX: prefix,
    DISCORD_TOKEN: h.fake.token,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
    DISCORD_API_URL: h.fake.apiUrl,
  });
  await worker.waitFor('CQMS worker running', 60_000);
  const events = new SlackEvents(slackPlatform.eventsUrl!, fakeSlack);
  // Slack sends the app its own messages back, as it does in every channel the app is subscribed to.
  events.echoBotMessages();
  return {
    h,
    fakeSlack,
    slack: new SlackDriver(slackPlatform.eventsUrl!, fakeSlack),
    events,
    say: new MessageDriver(h.fake),
    worker,
    async member(role, username, discord, slackUserId) {
      const actor = await h.member(role, username, discord);
      if (slackUserId) await linkSlackUser(h.bot.runtime.deps.store, actor.userId, slackUserId);
      return actor.userId;
    },
    async close() {
      try {
        await bounded(worker.kill(), 20_000, 'stopping the worker');
        await h.close();
      } finally {
        await fakeSlack.close();
        await dropQueue(prefix);
      }
    },
  };
}
