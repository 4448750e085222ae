import type { REST } from 'discord.js';
import type { PlatformIdentity } from '../../core/domain/identity';
import type { AlertNotice } from '../../core/ports/notifier';
import type { Store } from '../../core/ports/store';
import { DiscordNotifier, type DiscordNotifierOptions } from '../discord/discord-notifier';
import type { SlackClient } from '../slack/block-kit';
import { SlackNotifier, type SlackNotifierOptions } from '../slack/slack-notifier';

const linked: PlatformIdentity[] = [
  { platform: 'slack', workspaceId: 'T1', platformUserId: 'U42', userId: 7, linkedAt: new Date(0) },
  { platform: 'discord', workspaceId: '', platformUserId: '4242', userId: 7, linkedAt: new Date(0) },
];
const store = () =>
  ({ identities: { forUser: async (id: number) => linked.filter((i) => i.userId === id) } }) as unknown as Pick<
    Store,
    'messageRefs' | 'identities'
  >;
const log = { warn: () => undefined, error: () => undefined, info: () => undefined };
const alert = (mention: AlertNotice['mention']): AlertNotice => ({
  queryId: 3,
  text: 'SLA breached: query #3 (<!channel> *x*) has passed.',
  mention,
});

describe('alerts on Slack', () => {
  const sent: Array<{ channel: string; text: string }> = [];
  const client = {
    chat: { postMessage: async (m: { channel: string; text: string }) => (sent.push(m), { ok: true, ts: '1' }) },
  } as unknown as SlackClient;
  const notifier = new SlackNotifier({
    client,
    supportChannel: 'CSUP',
    leadsChannel: 'CLEAD',
    store,
    log,
  } as unknown as SlackNotifierOptions);

  it('mentions a linked assignee by Slack id, anyone else by escaped name, and escapes the text', async () => {
    sent.length = 0;
    await notifier.postAlert('support', alert({ userId: 7, name: 'Ann' }));
    await notifier.postAlert('leads', alert({ userId: 8, name: 'Bo <b>' }));
    expect(sent).toEqual([
      { channel: 'CSUP', text: '<@U42>: SLA breached: query #3 (&lt;!channel&gt; *x*) has passed.' },
      { channel: 'CLEAD', text: 'Bo &lt;b&gt;: SLA breached: query #3 (&lt;!channel&gt; *x*) has passed.' },
    ]);
  });

  it('skips the leads channel where none is configured', async () => {
    sent.length = 0;
    const bare = new SlackNotifier({ client, supportChannel: 'CSUP', store, log } as unknown as SlackNotifierOptions);
    await bare.postAlert('leads', alert(null));
    expect(sent).toEqual([]);
  });
});

describe('alerts on Discord', () => {
  it('pings only the linked assignee, and posts to every channel of the kind', async () => {
    const posts: Array<{ route: string; body: { content: string; allowed_mentions: unknown } }> = [];
    const rest = {
      post: async (route: string, o: { body: { content: string; allowed_mentions: unknown } }) => (
        posts.push({ route, body: o.body }), { id: '1' }
      ),
    } as unknown as Pick<REST, 'post' | 'patch'>;
    const notifier = new DiscordNotifier({
      rest,
      supportChannels: ['10'],
      leadsChannels: ['20', '21'],
      store,
      log,
    } as unknown as DiscordNotifierOptions);
    await notifier.postAlert('leads', alert({ userId: 7, name: 'Ann' }));
    expect(posts.map((p) => p.route)).toEqual(['/channels/20/messages', '/channels/21/messages']);
    expect(posts[0]!.body.content).toBe('<@4242>: SLA breached: query #3 (<!channel> \\*x\\*) has passed.');
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [], users: ['4242'] });
  });
});
