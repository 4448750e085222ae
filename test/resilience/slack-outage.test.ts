import { startBot, type BotHandle } from '../../bot/bot-process';
import { readEnvironment } from '../../bot/environment';
import { SlackPlatform, slackSettings } from '../../bot/slack-wiring';
import { STORE_UNAVAILABLE_TEXT } from '../../core/errors';
import { createQuery } from '../../core/queries/create-query';
import { FakeSlack } from '../slack/fake-slack';
import { SIGNING_SECRET, SlackDriver } from '../slack/slack-driver';
import { slackMember } from '../support/slack-member';
import { NEW_FORM, newQueryInputs } from '../support/slack-new-query';
import { openTestStore, type TestStore } from '../support/test-stores';
import { TcpProxy } from '../support/tcp-proxy';
import { countRows } from './fault-support';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const newQuery = newQueryInputs('Export fails');

describe('the Slack surface during a database outage', () => {
  let db: TestStore;
  let proxy: TcpProxy;
  let fake: FakeSlack;
  let bot: BotHandle;
  let driver: SlackDriver;

  beforeAll(async () => {
    db = await openTestStore('mysql');
    proxy = await TcpProxy.inFrontOf(db.url, 3306);
    fake = await FakeSlack.start();
    const env = readEnvironment({
      DATABASE_URL: proxy.rewrite(db.url),
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
      PORT: '0',
    });
    const slack = new SlackPlatform(slackSettings(env)!, {
      log: quiet,
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 }, timeout: 5000 },
    });
    bot = await startBot(env, { log: quiet, platforms: [slack] });
    driver = new SlackDriver(slack.eventsUrl!, fake);
  });
  afterAll(async () => {
    await proxy.restore();
    await bot?.stop();
    await proxy.close();
    await fake.close();
    await db.dispose();
  });

  it('answers "try again" to a command and a form, then works again once the database is back', async () => {
    const deps = bot.runtime.deps;
    await slackMember(deps, 'agent', 'ann', 'U0ANN');
    const zoe = await slackMember(deps, 'client', 'zoe', 'U0ZOE');
    const { query } = await createQuery(deps, zoe, {
      category: 'Bug Report',
      heading: 'Login loops',
      description: 'd',
    });
    const queriesBefore = await countRows(db.store, 'client_queries');
    await proxy.cut();

    const claim = await driver.slash('U0ANN', `claim ${query.id}`);
    expect(claim.status).toBe(200);
    const answer = await fake.waitFor(
      () => fake.of('response').find((c) => c.method === new URL(claim.responseUrl).pathname),
      'the claim answer',
    );
    expect(JSON.stringify(answer.body)).toContain(STORE_UNAVAILABLE_TEXT);
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+|Sequelize|ECONN/);

    // A form submitted now stays open with the message on its first input; nothing is kept of it.
    const submitted = await driver.submit('U0ZOE', 'VOUTAGE', NEW_FORM, newQuery);
    expect(submitted.json).toEqual({ response_action: 'errors', errors: { category: STORE_UNAVAILABLE_TEXT } });

    await proxy.restore();
    expect(await countRows(db.store, 'client_queries')).toBe(queriesBefore);
    expect((await db.store.queries.findById(query.id))?.status).toBe('Open');
    // The same modal, sent again, goes through: its one-time key was not kept by the failed attempt.
    const again = await driver.submit('U0ZOE', 'VOUTAGE', NEW_FORM, newQuery);
    expect(again.status).toBe(200);
    expect(again.json).toBeNull();
    expect(await countRows(db.store, 'client_queries')).toBe(queriesBefore + 1);
    const retry = await driver.slash('U0ANN', `claim ${query.id}`);
    const claimed = await fake.waitFor(
      () => fake.of('response').find((c) => c.method === new URL(retry.responseUrl).pathname),
      'the second claim answer',
    );
    expect(JSON.stringify(claimed.body)).toMatch(/You claimed query #\d+/);
  }, 40_000);
});
