import type { TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';

const LEE: TestUser = { id: '1200000000000000004', username: 'lee' };

describe('a CSV export on Discord', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness('sqlite');
    await h.member('lead', 'lee', LEE);
  });
  afterAll(() => h?.close());

  it('names the file in the message that carries it', async () => {
    const { driver } = h;
    const exp = driver.slash(LEE, 'export', { status: 'Open' });
    expect((await driver.callback(exp)).body).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await driver.edited(exp);
    expect(answer.body.content).toMatch(/^📎 0 queries: cqms-all-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(answer.files.map((f) => f.filename)).toEqual([expect.stringMatching(/^cqms-all-.*\.csv$/)]);
  });
});
