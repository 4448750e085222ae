import fc from 'fast-check';
import { CATALOG } from '../../core/commands/catalog';
import { encodeAction } from '../../core/views/action-id';
import { TINY_PNG } from '../support/png';
import { queriesTitled } from '../support/queries-titled';
import { textOf, type Sent, type TestUser } from '../discord/discord-driver';
import { startDiscordHarness, type DiscordHarness } from '../discord/discord-harness';
import { fuzz, hostileText, leakIn, replayable, watchRejections } from './hostile-support';

const ZOE: TestUser = { id: '1200000000000000031', username: 'zoe' };
const ANN: TestUser = { id: '1200000000000000032', username: 'ann' };
const NOBODY: TestUser = { id: '1200000000000000039', username: 'nobody' };

describe('Discord under hostile input (real discord.js client, fake gateway, SQLite)', () => {
  let h: DiscordHarness;
  const rejections = watchRejections();

  beforeAll(async () => {
    h = await startDiscordHarness('sqlite');
    await h.member('client', 'zoe', ZOE);
    await h.member('agent', 'ann', ANN);
  });
  afterAll(async () => {
    await h?.close();
    rejections.stop();
  });

  const titled = (heading: string) => queriesTitled(h.bot.runtime.deps.store, heading);
  const newWith = (filename: string, data: Uint8Array, contentType: string, size?: number) =>
    h.driver.callback(
      h.driver.slash(
        ZOE,
        'new',
        { category: 'Bug Report' },
        { files: { screenshot: { filename, data, contentType, ...(size !== undefined ? { size } : {}) } } },
      ),
    );

  it('takes a PNG named notes.txt and declared text/plain as a PNG, stored as notes.png', async () => {
    const modal = await newWith('notes.txt', TINY_PNG, 'text/plain');
    expect(modal.body.type).toBe(9);
    const done = await h.driver.callback(
      h.driver.submit(ZOE, String(modal.body.data.custom_id), {
        heading: 'discord png as txt',
        description: 'see screenshot',
        mobile: '',
      }),
    );
    expect(textOf(done)).toMatch(/raised with screenshot notes\.png/);
    const [q] = await titled('discord png as txt');
    expect(await h.bot.runtime.deps.store.attachments.forQuery(q!.id)).toMatchObject([
      { filename: 'notes.png', contentType: 'image/png' },
    ]);
  });

  it('refuses HTML declared image/png and 5 MB + 1 byte before the modal opens, so nothing typed is lost', async () => {
    const html = await newWith(
      'page.png',
      new TextEncoder().encode('<!doctype html><script>x()</script>'),
      'image/png',
    );
    expect(html.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(html)).toMatch(/screenshot: page\.png is not a PNG, JPEG, GIF or WebP image/);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(TINY_PNG);
    expect(textOf(await newWith('big.png', big, 'image/png'))).toMatch(/big\.png is 5\.1 MB; the limit is 5\.0 MB/);
    expect(textOf(await newWith('big.png', big, 'image/png', 1000))).toMatch(/big\.png is larger than 5\.0 MB/);
    expect((await h.bot.runtime.deps.store.queries.list({}, { limit: 1000, offset: 0 })).rows).toHaveLength(1);
  });

  it('answers fuzzed commands, buttons, modal submits and autocompletes without a crash or a leak', async () => {
    const user = fc.constantFrom(ZOE, ANN, NOBODY);
    const value = fc.oneof(hostileText(40), fc.integer({ min: -1e12, max: 1e12 }));
    const interaction = fc.oneof(
      fc
        .record({
          user,
          sub: fc.oneof(fc.constantFrom(...CATALOG.map((c) => c.name)), hostileText(20)),
          values: fc.dictionary(
            fc.constantFrom(
              'id',
              'status',
              'category',
              'from',
              'to',
              'page',
              'note',
              'rating',
              'comment',
              'agent',
              'x',
            ),
            value,
            { maxKeys: 3 },
          ),
        })
        .map((i) => () => h.driver.slash(i.user, i.sub, i.values)),
      fc
        .record({
          user,
          id: fc.oneof(
            hostileText(100),
            fc.constantFrom('claim', 'close', 'rate', 'page', 'reopen').map((k) => `cqms|${k}|99999999999999999999`),
            fc.constant(encodeAction({ kind: 'claim', queryId: 1 })),
          ),
        })
        .map((i) => () => h.driver.press(i.user, i.id.slice(0, 100))),
      fc
        .record({
          user,
          id: fc.oneof(
            hostileText(100),
            fc.constantFrom('cqmsf|new||0|', 'cqmsf|close|1||', 'cqmsf|rate|999999999999||'),
          ),
          fields: fc.dictionary(
            fc.constantFrom('heading', 'description', 'mobile', 'note', 'username', 'email', 'password', 'login', 'x'),
            hostileText(),
            { maxKeys: 4 },
          ),
        })
        .map((i) => () => h.driver.submit(i.user, i.id.slice(0, 100), i.fields)),
      fc
        .record({ user, sub: fc.constantFrom('claim', 'show', 'close', 'x'), text: hostileText(20) })
        .map((i) => () => h.driver.autocomplete(i.user, i.sub, { name: 'id', value: i.text })),
    );
    const params = fuzz<() => Sent>(80);
    const sends = fc.sample(interaction, params);
    const logSeen = h.log.length;
    const requestsSeen = h.fake.requests.length;
    await replayable(params, async () => {
      const sent: Sent[] = [];
      for (const send of sends) sent.push(send());
      for (const s of sent) await h.driver.callback(s, 'an answer to a fuzzed interaction');
      await h.settle();
      const leaks = h.fake.requests.slice(requestsSeen).flatMap((r) => {
        const leak = leakIn(JSON.stringify(r.body ?? {}).replace(/\\n/g, '\n'));
        return leak ? [`${r.method} ${r.path}: ${leak}`] : [];
      });
      expect(leaks).toEqual([]);
      expect(
        h.log
          .slice(logSeen)
          .filter((l) => l.level === 'error')
          .map((l) => `${l.message} ${l.error instanceof Error ? l.error.stack : ''}`),
      ).toEqual([]);
      rejections.none();
    });
  }, 60_000);
});
