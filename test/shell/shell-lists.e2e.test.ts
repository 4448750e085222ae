import { DEFAULT_CATEGORIES } from '../../core/config/categories';
import { SHORTENED_MARK } from '../../core/views/shorten';
import { insertBreaches, LONG_DESCRIPTION } from '../support/breaches';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { runScripted, STACK_TRACE } from './shell-harness';

const PASSWORD = 'correct horse battery';
const login = (name: string) => [`/as ${name}`, 'login', name, PASSWORD];
/** The transcript from the first line matching `from` on. */
const after = (out: string, from: string) => out.slice(out.indexOf(from));

describe('the shell: lists page with numbered buttons, long text is shortened with Show, the channel line masks the mobile', () => {
  let ts: TestStore;

  beforeAll(async () => {
    ts = await openTestStore('sqlite');
    const deps = testDesk(ts.store);
    const cleo = await makeActor(deps, 'client', 'cleo');
    await insertBreaches(deps, cleo.userId, 120);
    for (const [name, role] of [
      ['zoe', 'client'],
      ['ann', 'agent'],
      ['lee', 'lead'],
    ] as const)
      await makeActor(deps, role, name);
  });
  afterAll(() => ts?.dispose());

  it('pages sla, shortens the card with the number masked in the channel, and shows the whole query to staff', async () => {
    const run = await runScripted(['shell'], { DATABASE_URL: ts.url }, [
      ...login('zoe'),
      `new category="${DEFAULT_CATEGORIES[0]}" heading="Long story" description="${LONG_DESCRIPTION}" mobile=9876543210`,
      ...login('ann'),
      'show 121',
      ...login('lee'),
      'sla',
      '1',
      '2',
      '/quit',
    ]);
    const out = run.out;
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(out).not.toMatch(STACK_TRACE);

    // The client's own card: shortened, with Show; the support channel line masks the number.
    const raised = after(out, '✓ Query #121 raised');
    expect(raised).toContain(SHORTENED_MARK);
    expect(raised).toMatch(/\[1\] Show/);
    expect(out).toMatch(/\[#support\] posted: #121 Long story \[Open\] .*Mobile: ••••••3210/);
    expect(out).not.toMatch(/\[#support\].*9876543210/);

    // Staff see the whole description and the whole number in show.
    const shown = after(out, 'ann (agent)> show 121');
    expect(shown.slice(0, shown.indexOf('lee'))).toContain('<END>');
    expect(shown.slice(0, shown.indexOf('lee'))).not.toContain(SHORTENED_MARK);
    expect(shown).toContain('9876543210');

    // sla: a page at a time, Next and Previous as numbered buttons.
    const sla = after(out, 'lee (lead)> sla');
    expect(sla).toMatch(/SLA: 120 breached/);
    expect(sla).toMatch(/page 1 of 14 \(120 in all\)[\s\S]*?\[1\] Next >/);
    expect(after(sla, 'page 1 of 14')).toMatch(/page 2 of 14 \(120 in all\)\n\[1\] < Previous {2}\[2\] Next >/);
    expect(after(sla, 'page 2 of 14')).toMatch(/page 3 of 14/);
  });
});
