import { SlackPlatform, slackSettings } from '../../bot/slack-wiring';
import type { DiscordHarness, HarnessOptions } from '../discord/discord-harness';
import type { FakeSlack } from '../slack/fake-slack';
import { SIGNING_SECRET } from '../slack/slack-driver';

/** The Slack support channel of a bot that runs Slack beside Discord. */
export const SLACK_SUPPORT = 'C0SUPPORT';

/** Slack's part of the environment, on the fake: HTTP mode, cards in SLACK_SUPPORT. */
export function slackEnvOn(fakeSlack: FakeSlack): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: fakeSlack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fakeSlack.apiUrl,
    SLACK_SUPPORT_CHANNEL: SLACK_SUPPORT,
  };
}

/** The Discord harness's `more`: real Bolt on a free local port, failing fast instead of retrying the fake. */
export const slackBeside: NonNullable<HarnessOptions['more']> = (env, log) => [
  new SlackPlatform(slackSettings(env)!, {
    log,
    host: '127.0.0.1',
    clientOptions: { retryConfig: { retries: 0 }, timeout: 5000 },
  }),
];

/** The Slack platform the harness's bot runs. */
export function slackPlatformOf(h: DiscordHarness): SlackPlatform {
  return h.bot.platforms.find((p): p is SlackPlatform => p instanceof SlackPlatform)!;
}
