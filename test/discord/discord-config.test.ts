import { chatPlatforms, startBot } from '../../bot/bot-process';
import { DiscordPlatform } from '../../bot/discord-wiring';
import { readEnvironment } from '../../bot/environment';
import { openTestStore } from '../support/test-stores';
import { APP_ID, SUPPORT_CHANNEL } from './discord-ids';
import { bounded, cqms as cli } from './discord-harness';
import { FakeDiscord } from './fake-discord';

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, e?: unknown) => console.error(m, e) };

describe('cqms bot with Discord, and cqms discord', () => {
  it('starts Discord from the environment alone (DISCORD_TOKEN and DISCORD_APPLICATION_ID) and stops cleanly', async () => {
    const fake = await FakeDiscord.start();
    const store = await openTestStore('sqlite');
    const env = readEnvironment({
      DATABASE_URL: store.url,
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
      DISCORD_API_URL: `${fake.apiUrl}/`,
    });
    expect(env.DISCORD_API_URL).toBe(fake.apiUrl);
    try {
      const bot = await bounded(startBot(env, { log: quiet }), 15_000, 'starting the bot');
      expect(bot.platforms.map((p) => p.name)).toEqual(['discord']);
      expect(bot.platforms[0]!.describe()).toBe(
        `Discord (application ${APP_ID}, 1 shard(s), cards in channel ${SUPPORT_CHANNEL})`,
      );
      expect(fake.calls('GET', /^\/gateway\/bot$/)[0]!.headers.authorization).toBe(`Bot ${fake.token}`);
      await bounded(bot.stop(), 10_000, 'stopping the bot');
    } finally {
      await store.dispose();
      await fake.close();
    }
  });

  it('explains what is missing, and runs beside Slack when both are configured', async () => {
    const log = quiet;
    expect(await chatPlatforms(readEnvironment({}), log)).toEqual([]);
    const both = await chatPlatforms(
      readEnvironment({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
        DISCORD_TOKEN: 't',
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
      }),
      log,
    );
    expect(both.map((p) => p.name)).toEqual(['slack', 'discord']);
    expect(both[1]).toBeInstanceOf(DiscordPlatform);
    expect(() => chatPlatforms(readEnvironment({ DISCORD_TOKEN: 't' }), log)).toThrow(
      /needs both DISCORD_TOKEN \(the bot token\) and DISCORD_APPLICATION_ID/,
    );
    await expect(
      chatPlatforms(readEnvironment({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP_ID }), log),
    ).rejects.toThrow(/DISCORD_SUPPORT_CHANNEL_ID/);
    expect((await cli(['bot'], { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '42' })).err).toMatch(
      /DISCORD_APPLICATION_ID: must be an application id \(17 to 20 digits\)/,
    );
    expect((await cli(['bot'])).err).toMatch(/and\/or DISCORD_TOKEN with DISCORD_APPLICATION_ID/);
  });

  it('prints the invite URL with the scopes and permissions it needs, then the intents', async () => {
    const invite = await cli(['discord', 'invite'], { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP_ID });
    const [first, ...rest] = invite.out.split('\n');
    const url = new URL(first!);
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP_ID);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links, Attach Files, Read Message History, Create Public Threads,
    // Send Messages in Threads.
    expect(url.searchParams.get('permissions')).toBe('309237763072');
    expect(rest.join('\n')).toMatch(/Gateway intents: Guilds, Guild Messages, Direct Messages, Message Content\./);
    expect(rest.join('\n')).toContain(`https://discord.com/developers/applications/${APP_ID}/bot`);
    expect((await cli(['discord', 'register'])).err).toMatch(
      /set DISCORD_TOKEN \(the bot token\) and DISCORD_APPLICATION_ID first/,
    );
  });
});
