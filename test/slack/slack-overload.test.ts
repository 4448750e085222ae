import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { AppHome } from '../../adapters/slack/app-home';
import { registerListeners } from '../../adapters/slack/listeners';
import { EVENTS_PATH } from '../../adapters/slack/manifest';
import { encodeMetadata } from '../../adapters/slack/private-metadata';
import { ReplySender } from '../../adapters/slack/reply-sender';
import { ScreenshotFetcher } from '../../adapters/slack/screenshot-fetcher';
import { createSlackApp } from '../../adapters/slack/slack-app';
import { SlackController } from '../../adapters/slack/slack-controller';
import { DESK_BUSY_TEXT } from '../../core/errors';
import { encodeAction } from '../../core/views/action-id';
import { testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { BlockedDesk } from './blocked-desk';
import { FakeSlack } from './fake-slack';
import { SIGNING_SECRET, SlackDriver } from './slack-driver';

const MAX_WAITING = 2;
/** The controller's slots: this many commands run (here: wait at the gate) before any waits in line. */
const SLOTS = 8;

describe('Slack under overload (the real Bolt app, a desk that blocks, a line of two)', () => {
  let fake: FakeSlack;
  let store: TestStore;
  let app: App;
  let server: Server;
  let desk: BlockedDesk;
  let controller: SlackController;
  let driver: SlackDriver;
  const warnings: string[] = [];
  const shed: string[] = [];

  beforeAll(async () => {
    fake = await FakeSlack.start();
    store = await openTestStore('sqlite');
    const log = { info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined };
    app = createSlackApp({
      botToken: fake.botToken,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      log,
      clientOptions: { retryConfig: { retries: 0 }, timeout: 5000 },
    });
    desk = new BlockedDesk(testDesk(store.store));
    const charts = { renderer: { render: () => Promise.reject(new Error('no charts here')) } };
    const onDefect = () => undefined;
    controller = new SlackController({
      desk,
      client: app.client,
      sender: new ReplySender({ client: app.client, charts, log }),
      home: new AppHome({ desk, client: app.client, charts: {}, onDefect }),
      screenshots: new ScreenshotFetcher({ token: fake.botToken, allowedHosts: [], maxBytes: 1000 }),
      log,
      onDefect,
      maxWaiting: MAX_WAITING,
      onShed: (command) => shed.push(command),
    });
    registerListeners(app, controller, log);
    await app.init();
    server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    driver = new SlackDriver(`http://127.0.0.1:${(server.address() as AddressInfo).port}${EVENTS_PATH}`, fake);
  });

  afterAll(async () => {
    desk.open();
    server.closeAllConnections();
    await app.stop();
    await controller.drain();
    await store.dispose();
    await fake.close();
  });

  it('answers the requests past the line busy in their acknowledgement, runs none of them, and takes requests again once the work drains', async () => {
    // Eight run (held at the desk's gate), two wait: the line is full.
    const taken = await Promise.all(
      Array.from({ length: SLOTS + MAX_WAITING }, (_, i) => driver.slash(`U0TAKEN${i}`, 'whoami')),
    );
    expect(taken.map((a) => [a.status, a.text])).toEqual(taken.map(() => [200, '']));
    await fake.waitFor(() => desk.ran.length === SLOTS, 'the running commands to reach the desk');

    const command = await driver.slash('U0LATE', 'whoami');
    expect(command.status).toBe(200);
    expect(command.json).toEqual({ response_type: 'ephemeral', text: DESK_BUSY_TEXT });
    expect(command.ms).toBeLessThan(1000);

    const button = await driver.press('U0LATE', encodeAction({ kind: 'claim', queryId: 1 }));
    expect(button.status).toBe(200);
    const note = await fake.waitFor(
      () => fake.of('response').find((c) => c.method === new URL(button.responseUrl).pathname),
      'the busy note on the button',
    );
    expect(note.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: expect.stringContaining(DESK_BUSY_TEXT) as unknown,
    });

    const metadata = encodeMetadata({ formId: 'new', channelId: 'C0GENERAL' });
    const submitted = await driver.submit('U0LATE', 'V0BUSY', metadata, {
      category: { select: 'Bug Report' },
      heading: 'Checkout fails',
      description: 'Every time',
    });
    // The modal stays open with what was typed, the busy text on its first input: it can be sent again as it is.
    expect(submitted.json).toEqual({ response_action: 'errors', errors: { category: DESK_BUSY_TEXT } });

    expect(shed).toEqual(['whoami', 'claim', 'new']);
    expect(warnings.filter((w) => /overloaded/.test(w))).toHaveLength(1);
    // Nothing of the refused requests ran: only the eight at the gate reached the desk.
    expect(desk.ran).toHaveLength(SLOTS);

    // The work drains: every taken command is answered, then a new request is taken again.
    desk.open();
    const answered = (a: { responseUrl: string }) =>
      fake.of('response').some((c) => c.method === new URL(a.responseUrl).pathname);
    await fake.waitFor(() => taken.every(answered), 'the answers to the ten taken commands');
    const again = await driver.slash('U0AGAIN', 'whoami');
    expect(again.text).toBe('');
    await fake.waitFor(() => answered(again), 'the answer after the overload');
    const resubmitted = await driver.submit('U0LATE', 'V0BUSY', metadata, {
      category: { select: 'Bug Report' },
      heading: 'Checkout fails',
      description: 'Every time',
    });
    expect(JSON.stringify(resubmitted.json ?? {})).not.toContain(DESK_BUSY_TEXT);
    expect(desk.ran).toEqual([...taken.map(() => 'whoami'), 'whoami', 'new']);
    expect(shed).toHaveLength(3);
    expect(warnings.some((w) => /takes requests again; 3 were refused/.test(w))).toBe(true);
  });
});
