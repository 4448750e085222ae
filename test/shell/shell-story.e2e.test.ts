import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATEGORIES } from '../../core/config/categories';
import { TINY_PNG } from '../support/png';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';
import { chartsIn, runScripted, STACK_TRACE } from './shell-harness';

const PASSWORD = 'correct horse battery';
const login = (name: string) => [`/as ${name}`, 'login', name, PASSWORD];
/** The transcript from the first line matching `from` on. */
const after = (out: string, from: string) => out.slice(out.indexOf(from));

describe.each(STORE_KINDS)('the shell, end to end on %s', (kind) => {
  let ts: TestStore;
  let dir: string;
  let env: Record<string, string>;
  const count = async () => (await ts.store.queries.list({}, { limit: 1, offset: 0 })).total;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    dir = mkdtempSync(join(tmpdir(), `cqms-shell-${kind}-`));
    env = { DATABASE_URL: ts.url, CQMS_CHARTS_DIR: join(dir, 'charts'), CQMS_EXPORTS_DIR: join(dir, 'exports') };
    const deps = testDesk(ts.store);
    for (const [name, role] of [
      ['ann', 'agent'],
      ['ben', 'agent'],
      ['lee', 'lead'],
    ] as const)
      await makeActor(deps, role, name);
  });
  afterAll(async () => {
    await ts.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plays the story: register, raise with a screenshot, claim, refused claim, close, rate, team charts', async () => {
    const png = join(dir, 'card.png');
    writeFileSync(png, TINY_PNG);
    const category = String(DEFAULT_CATEGORIES.indexOf('Payment Failure') + 1);
    const run = await runScripted(['shell'], env, [
      '/as zoe',
      'register',
      'zoe',
      'zoe@example',
      '98765 01234',
      'zoe-password',
      'zoe@example.com',
      '/cqms new',
      category,
      'Card declined',
      'Twice today \u001b[2J <!channel>',
      '',
      png,
      ...login('ann'),
      'queue',
      'show 1',
      ...login('ben'),
      'show 1',
      '/as ann',
      '1',
      '/as ben',
      '1',
      '/as ann',
      'close 1',
      'Bank had an outage',
      '/as zoe',
      '5',
      'show 1',
      ...login('lee'),
      'team',
      '/quit',
    ]);
    const out = run.out;
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(out).not.toMatch(STACK_TRACE);

    // The client registers through the form, field by field, told the password is not masked.
    expect(out).toContain('You are now zoe, not signed in');
    expect(out).toMatch(
      /Create your account: answer each field[\s\S]*Chat forms do not mask[\s\S]*Password \(.*input is NOT masked/,
    );
    // Core refuses the email: only that field is asked again, the other answers are kept and sent.
    expect(out).toMatch(
      /Password: \*+\n✗ email is not a valid address .*\nPlease answer again: Email\.\nEmail \(.*\)\nEmail: zoe@example\.com\n✓ Welcome, zoe!/,
    );
    expect(out).toContain('Welcome, zoe! Your account zoe is ready');
    expect(out).toContain('zoe (client)> ');
    // ... and raises a query with a screenshot; its body is shown verbatim, the escape made visible.
    expect(out).toMatch(/1\) Account Suspension\n/);
    expect(out).toContain(
      '✓ Query #1 raised with screenshot card.png. You will hear from us as [to zoe] lines in this shell when an agent picks it up.',
    );
    expect(out).toContain('  Twice today \\x1b[2J <!channel>');
    expect(out).not.toContain('\u001b');
    expect(out).toMatch(
      /\[#support\] posted: #1 Card declined \[Open\] Category: Payment Failure · Raised by: zoe .*\(Claim, Reply, Waiting on client\)/,
    );

    // An agent sees it in the queue, then claims it by pressing the numbered button.
    const queue = after(out, 'Open queue (1)');
    expect(queue).toMatch(
      /^Open queue \(1\)\n {2}ID +Status +Category +Heading .*\n {2}─+.*\n {2}#1 +Open +Payment Failure +Card declined /,
    );
    expect(queue).toMatch(/page 1 of 1 \(1 in all\)/);
    expect(after(out, 'ann (agent)> show 1')).toMatch(/#1 Card declined \[Open\][\s\S]*?\[1\] Claim/);
    expect(out).toContain('✓ You claimed query #1. The client will be told.');
    expect(out).toMatch(/\[#support\] updated: #1 Card declined \[In Progress\] .*Assignee: Ann/);
    expect(out).toContain('[to zoe] Ann is now working on your query #1.');
    // The second agent's press is refused, naming the first.
    expect(after(out, 'ben (agent)> 1')).toMatch(/^ben \(agent\)> 1\n✗ Query #1 is already claimed by Ann\.\n/);

    // The agent closes it with a note through the close form; the client is asked to rate.
    expect(out).toMatch(
      /Close query #1: answer each field[\s\S]*Note \(How it was resolved; at most 4000 characters\)/,
    );
    expect(out).toContain('✓ Query #1 closed. The client will be asked to rate it.');
    expect(out).toMatch(/\[#support\] updated: #1 Card declined \[Closed\]/);
    expect(out).toMatch(
      /\[to zoe\] ✓ Your query #1 was closed\.[\s\S]*\[to zoe\] \[1\] ★ {2}\[2\] ★★ {2}\[3\] ★★★ {2}\[4\] ★★★★ {2}\[5\] ★★★★★ {2}\[6\] Reopen/,
    );
    // The client rates it with the button of that message.
    expect(out).toContain('Buttons of the last reply you got:');
    expect(out).toContain('✓ Thank you: you rated query #1 ★★★★★ (5/5).');
    // ... shown with the query as rated: its rating where the rating buttons were, only Reopen left to press.
    expect(after(out, '✓ Thank you: you rated query #1')).toMatch(
      /^✓ Thank you[^\n]*\n#1 Card declined \[Closed\]\n[\s\S]*?Rating: +★★★★★ \(5\/5\)[\s\S]*?\n\[1\] Reopen\nzoe \(client\)> show 1/,
    );
    expect(after(out, 'zoe (client)> show 1')).toMatch(
      /Rating: +★★★★★[\s\S]*Attachments: +card\.png \(image\/png, \d+ bytes\)/,
    );

    // The lead's team analytics: figures, the agents table, and six charts written as PNG files of the stated size.
    const team = after(out, 'lee (lead)> team');
    expect(team).toMatch(/Team analytics\n[\s\S]*Closed: +1\n/);
    // Seconds read in minutes, never "0.0 h": on the card and in the figures.
    expect(out).toMatch(/Resolved in: +(under 1|\d+) min\n/);
    expect(team).toMatch(/Avg first response: +(under 1|\d+) min\n/);
    expect(out).not.toContain('0.0 h');
    expect(team).toMatch(
      /Agents\n {2}Agent +Handled +In progress +Closed +Avg resolution +Median +First reply +Msgs\/query +Waited on client +Breaches +Alerted\n.*\n {2}Ann +1 +0 +1 +(under 1|\d+) min +(under 1|\d+) min +(-|(under 1|\d+) min) +\d+\.\d +- +0 +0\n/,
    );
    const charts = chartsIn(team);
    expect(charts).toHaveLength(6);
    for (const c of charts) {
      expect(c.path.startsWith(join(dir, 'charts'))).toBe(true);
      expect(c.actual).toEqual({ width: 800, height: 400 });
      expect(c.declared).toEqual(c.actual);
    }

    const q = await ts.store.queries.findById(1);
    expect(q).toMatchObject({ status: 'Closed', resolutionNote: 'Bank had an outage', platform: 'shell' });
    expect((await ts.store.reviews.forQuery(1))?.rating).toBe(5);
    expect(await ts.store.attachments.forQuery(1)).toHaveLength(1);
  });

  it('answers bad input with one clear line naming the problem, and stores nothing half-written', async () => {
    const before = await count();
    const run = await runScripted(['shell', '--as', 'zoe'], env, [
      'new',
      '1',
      '',
      'what happened',
      '',
      '',
      '/cancel',
      `new category="Bug Report" heading="${'x'.repeat(121)}" description=d`,
      'new category=Weather heading=x description=y',
      'claim 1',
      'show 999',
      'frobnicate',
      '/frob',
      '9',
      'mine status=Lost',
      'new category="Bug Report" heading="unclosed',
      ...login('ann'),
      'claim 999',
      'close 1 --note',
      '/as lee',
      'assign 1 zoe',
      'whoami',
      '/as gus',
      'mine',
      '/quit',
    ]);
    const out = run.out;
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(out).not.toMatch(STACK_TRACE);

    // Missing field: core names it, and only that field is asked again (the others are kept).
    const missing = after(out, '✗ heading is required');
    expect(missing).toMatch(
      /^✗ heading is required\nPlease answer again: Heading\.\nHeading \(.*\)\nHeading: \/cancel\nRaise a query: cancelled, nothing was sent\./,
    );
    expect(out).toContain('✗ heading must be at most 120 characters');
    expect(out).toMatch(/✗ category: "Weather" is not a category; choose one of: Account Suspension, /);
    expect(out).toContain('✗ A client may not run `claim`.');
    expect(out).toContain('✗ No query #999 exists.');
    expect(out).toMatch(/! Unknown command "frobnicate"\. Here is what you can run:\nCommands for a client/);
    // The shell's own syntax: bare commands, forms asked field by field.
    expect(after(out, 'Commands for a client')).toMatch(/\n {2}new +Raise a query \(asks field by field\)\n/);
    expect(after(out, 'Commands for a client')).toMatch(/\n {2}rate <id> <rating> \[comment=\.\.\.\] +Rate the help/);
    expect(out).toContain('✗ Unknown shell command "/frob".');
    expect(out).toContain('✗ There is no button [9]: the last reply had no buttons.');
    expect(out).toMatch(/✗ status must be one of: Open, In Progress, Closed/);
    expect(out).toContain('✗ input: a double quote is not closed');
    expect(out).toMatch(/ann \(agent\)> claim 999\n✗ No query #999 exists\./);
    expect(out).toContain('✗ note: needs a value');
    // Named in the shell's words: an article that fits, the shell's bare commands.
    expect(out).toContain('You are lee, signed in as a lead on this shell account.');
    expect(out).toContain('✗ Sign in first to run `mine`: use `login` or `register`.');
    expect(out).toContain('✗ agent: zoe is a client, not an agent');

    // Every refusal is one line: the line after an error is a prompt or a form re-ask, never detail.
    for (const m of out.matchAll(/^✗ .*\n(.*)/gm))
      expect(m[1]).toMatch(/^(Please answer again|[a-z]+( \([a-z]+\))?> |$)/);
    expect(await count()).toBe(before);
    expect(await ts.store.attachments.forQuery(before + 1)).toHaveLength(0);
  });
});
