import { Events, type Client } from 'discord.js';
import { AttachmentFetcher } from '../../adapters/discord/attachment-fetcher';
import { COMMAND_NAME } from '../../adapters/discord/command-registration';
import { DeskCalls } from '../../adapters/discord/desk-calls';
import { createDiscordClient } from '../../adapters/discord/discord-client';
import { onInteractions } from '../../adapters/discord/interaction-source';
import { InteractionRouter } from '../../adapters/discord/interaction-router';
import { parseInteraction } from '../../adapters/discord/parse-interaction';
import { PendingUploads } from '../../adapters/discord/pending-uploads';
import { RecentInteractions } from '../../adapters/discord/recent-interactions';
import { discordJsResponder } from '../../adapters/discord/responder';
import { encodeFormRef } from '../../adapters/discord/modal-id';
import { DESK_BUSY_TEXT } from '../../core/errors';
import { encodeAction } from '../../core/views/action-id';
import { testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { bounded } from './discord-harness';
import { DiscordDriver, type Sent } from './discord-driver';
import { FakeDiscord } from './fake-discord';
import { BlockedDesk } from '../slack/blocked-desk';

const MAX_IN_FLIGHT = 2;
const user = (n: number) => ({ id: `14000000000000000${String(n).padStart(2, '0')}`, username: `user${n}` });

describe('Discord under overload (the real discord.js client, a desk that blocks, two interactions at once)', () => {
  let fake: FakeDiscord;
  let store: TestStore;
  let client: Client;
  let router: InteractionRouter;
  let detach: () => void;
  let desk: BlockedDesk;
  let driver: DiscordDriver;
  const warnings: string[] = [];
  const shed: string[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    store = await openTestStore('sqlite');
    const log = { info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined };
    desk = new BlockedDesk(testDesk(store.store));
    const calls = new DeskCalls({
      desk,
      charts: { render: () => Promise.reject(new Error('no charts here')) },
      files: new AttachmentFetcher({ allowedHosts: [], maxBytes: 1000 }),
      uploads: new PendingUploads(),
      log,
      onDefect: () => undefined,
    });
    router = new InteractionRouter({
      desk,
      calls,
      once: { claim: async () => true },
      recent: new RecentInteractions(),
      log,
      maxInFlight: MAX_IN_FLIGHT,
      onShed: (c) => shed.push(c),
    });
    client = createDiscordClient({ apiUrl: fake.apiUrl, rest: { retries: 0, timeout: 5000 } });
    detach = onInteractions(
      client,
      (raw, interaction) => void router.handle(parseInteraction(raw, COMMAND_NAME), discordJsResponder(interaction)),
    );
    const ready = new Promise<void>((r) => client.once(Events.ClientReady, () => r()));
    await client.login(fake.token);
    await bounded(ready, 5000, 'connecting to the fake gateway');
    driver = new DiscordDriver(fake);
  });

  afterAll(async () => {
    desk.open();
    detach();
    await bounded(router.drain(), 5000, 'draining the router');
    await bounded(client.destroy(), 5000, 'closing the client').catch(() => undefined);
    await store.dispose();
    await fake.close();
  });

  it('answers the interactions past the bound busy at once, runs none of them, and takes interactions again once the work drains', async () => {
    const taken = [driver.slash(user(1), 'whoami'), driver.slash(user(2), 'whoami')];
    await fake.waitFor(() => desk.ran.length === MAX_IN_FLIGHT, 'the two commands to reach the desk');

    const busy = (s: Sent) => driver.callback(s, 'the busy answer');
    const command = await busy(driver.slash(user(3), 'whoami'));
    expect(command.body).toMatchObject({ type: 4, data: { content: DESK_BUSY_TEXT, flags: 64 } });
    const button = await busy(driver.press(user(3), encodeAction({ kind: 'claim', queryId: 1 })));
    expect(button.body).toMatchObject({ type: 4, data: { content: DESK_BUSY_TEXT, flags: 64 } });
    const suggestions = await busy(driver.autocomplete(user(3), 'show', { name: 'id', value: '1' }));
    expect(suggestions.body).toMatchObject({ type: 8, data: { choices: [] } });
    // Discord closes a modal whatever the answer: what was typed comes back with the busy answer.
    const form = await busy(
      driver.submit(user(3), encodeFormRef({ formId: 'new', categoryIndex: 0 }), {
        heading: 'Card *declined*',
        description: 'Twice today.\nPlease help.',
      }),
    );
    expect(form.body).toMatchObject({ type: 4, data: { content: DESK_BUSY_TEXT, flags: 64 } });
    expect(form.body.data.embeds).toEqual([
      {
        title: expect.stringMatching(/^What you typed \(nothing was saved\)/),
        description: '**Heading**\nCard \\*declined\\*\n\n**Description**\nTwice today.\nPlease help.',
      },
    ]);

    expect(shed).toEqual(['whoami', 'claim', 'new']);
    expect(warnings.filter((w) => /overloaded/.test(w))).toHaveLength(1);
    expect(desk.ran).toEqual(['whoami', 'whoami']);

    // The work drains: both held commands are answered, then a new one is taken.
    desk.open();
    for (const s of taken) expect(JSON.stringify((await driver.callback(s)).body)).toContain('You are not signed in');
    const again = await driver.callback(driver.slash(user(4), 'whoami'));
    expect(JSON.stringify(again.body)).not.toContain(DESK_BUSY_TEXT);
    expect(desk.ran).toEqual(['whoami', 'whoami', 'whoami']);
    expect(shed).toHaveLength(3);
    expect(warnings.some((w) => /takes interactions again; 4 were refused/.test(w))).toBe(true);
  });
});
