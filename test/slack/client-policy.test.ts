import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SLACK_CLIENT_POLICY } from '../../adapters/slack/client-policy';
import { SlackPlatform, type SlackSettings } from '../../bot/slack-wiring';
import { SIGNING_SECRET } from './slack-driver';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const settings = (apiUrl: string): SlackSettings => ({
  botToken: 'xoxb-test',
  signingSecret: SIGNING_SECRET,
  apiUrl,
  port: 0,
  supportChannel: 'C0SUPPORT',
  chartImageBlocks: false,
});

describe("the Slack Web API client's bounds", () => {
  let silent: Server;
  let url: string;
  beforeAll(async () => {
    // Accepts every request and never answers: a Slack that has gone quiet.
    silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => {
    silent.closeAllConnections();
    return new Promise((r) => silent.close(r));
  });

  it('are a timeout and a few retries, not the library default of none and 30 minutes of retries', () => {
    // Both are private fields of WebClient: read as what they hold.
    const client = new SlackPlatform(settings(url), { log: quiet }).app.client as unknown as {
      timeout: number;
      retryConfig: unknown;
    };
    expect(client.timeout).toBe(SLACK_CLIENT_POLICY.timeout);
    expect(client.retryConfig).toEqual(SLACK_CLIENT_POLICY.retryConfig);
    const { retries, maxTimeout } = SLACK_CLIENT_POLICY.retryConfig;
    // At worst every attempt times out and every wait is the longest: about a minute.
    expect((retries + 1) * SLACK_CLIENT_POLICY.timeout + retries * maxTimeout).toBeLessThanOrEqual(60_000);
  });

  it('make a call to a silent Slack fail at the timeout rather than wait for ever', async () => {
    const client = new SlackPlatform(settings(url), {
      log: quiet,
      clientOptions: { timeout: 300, retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } },
    }).app.client;
    const started = Date.now();
    await expect(client.chat.postMessage({ channel: 'C0SUPPORT', text: 'hello' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
