import { teamAnalytics } from '../../core/analytics/team-analytics';
import { Desk } from '../../core/conversation/desk';
import { digestRange } from '../../core/digests/digest-period';
import { digestReport } from '../../core/digests/digest-report';
import type { Actor } from '../../core/domain/actor';
import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { markWaiting } from '../../core/queries/mark-waiting';
import { postMessage } from '../../core/queries/post-message';
import type { FileView, ListView, Reply, StatsView } from '../../core/views/view-model';
import { makeActor, testDesk, T0, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const H = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * H);

/**
 * Team analytics' conversation figures (first reply, messages per query, waits on the client) and the export's
 * new columns, on queries whose conversation is written through the desk's own use cases at known times.
 */
describe.each(STORE_KINDS)('conversation analytics on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let cora: Actor, ann: Actor, ben: Actor, lee: Actor;
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', number> = { a: 0, b: 0, c: 0, d: 0, e: 0 };

  const raise = async (category: string, heading = 'h') => {
    deps.clock.set(T0);
    return (await createQuery(deps, cora, { category, heading, description: 'd' })).query.id;
  };
  const say = async (who: Actor, id: number, hours: number, visibility: 'public' | 'internal' = 'public') => {
    deps.clock.set(at(hours));
    await postMessage(deps, who, { queryId: id, text: `at ${hours} h`, visibility });
  };
  const step = async (hours: number, fn: () => Promise<unknown>) => {
    deps.clock.set(at(hours));
    await fn();
  };

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    cora = await makeActor(deps, 'client', 'cora');
    ann = await makeActor(deps, 'agent', 'ann');
    ben = await makeActor(deps, 'agent', 'ben');
    lee = await makeActor(deps, 'lead', 'lee');
    // a (Ann): claimed at 1 h, first reply at 2 h, a note, waiting from 3 h until the client answers at 5 h, closed.
    ids.a = await raise('Bug Report');
    await step(1, () => claimQuery(deps, ann, ids.a));
    await say(ann, ids.a, 2);
    await say(ann, ids.a, 2.5, 'internal');
    await step(3, () => markWaiting(deps, ann, ids.a));
    await say(cora, ids.a, 5);
    await step(6, () => closeQuery(deps, ann, { queryId: ids.a, note: 'fixed' }));
    // b (Ann): a note at 1 h does not count as a reply; the first public one is at 4 h.
    ids.b = await raise('Bug Report');
    await step(0.5, () => claimQuery(deps, ann, ids.b));
    await say(ann, ids.b, 1, 'internal');
    await say(ann, ids.b, 4);
    // c (Ben): replied at 1 h, waiting on the client since 2 h and still waiting.
    ids.c = await raise('Login Issue');
    await step(1, () => claimQuery(deps, ben, ids.c));
    await say(ben, ids.c, 1);
    await step(2, () => markWaiting(deps, ben, ids.c));
    // d (Ben): only the client wrote. e: nobody claimed it or wrote on it; its heading looks like a formula.
    ids.d = await raise('Bug Report');
    await say(cora, ids.d, 0.5);
    await step(1, () => claimQuery(deps, ben, ids.d));
    ids.e = await raise('Bug Report', '=HYPERLINK("http://evil.example","x")');
    deps.clock.set(at(10));
  });
  afterAll(() => ts.dispose());

  it('stores the clocks the figures read', async () => {
    const q = async (id: number) => ts.store.queries.findById(id);
    expect(await q(ids.a)).toMatchObject({ firstReplyMs: 2 * H, messageCount: 3, waitedMs: 2 * H, waitingSince: null });
    expect(await q(ids.b)).toMatchObject({ firstReplyMs: 4 * H, messageCount: 2, waitedMs: 0 });
    expect(await q(ids.c)).toMatchObject({ firstReplyMs: 1 * H, messageCount: 1, waitingSince: at(2) });
    expect(await q(ids.d)).toMatchObject({ firstReplyMs: null, messageCount: 1 });
  });

  it('gives the median first reply, messages per query and waits on clients, overall and per agent', async () => {
    const t = await teamAnalytics(deps, lee, {});
    // First replies 2, 4 and 1 h; 7 messages on 5 queries; waits of 2 h (done) and 8 h (running until now, 10 h).
    expect(t.conversation.firstReply).toMatchObject({ count: 3, medianHours: 2, p90Hours: 2 + 0.8 * 2 });
    expect(t.conversation.firstReply.avgHours).toBeCloseTo(7 / 3, 9);
    expect(t.conversation).toMatchObject({ messages: 7, messagesPerQuery: 7 / 5 });
    expect(t.conversation.waiting).toMatchObject({ count: 2, totalHours: 10, avgHours: 5, medianHours: 5 });
    const by = Object.fromEntries(t.agents.map((g) => [g.name, g.conversation]));
    expect(by.Ann).toMatchObject({ messages: 5, messagesPerQuery: 2.5 });
    expect(by.Ann!.firstReply).toMatchObject({ count: 2, medianHours: 3 });
    expect(by.Ann!.waiting).toMatchObject({ count: 1, totalHours: 2, medianHours: 2 });
    expect(by.Ben).toMatchObject({ messages: 2, messagesPerQuery: 1 });
    expect(by.Ben!.firstReply).toMatchObject({ count: 1, medianHours: 1 });
    expect(by.Ben!.waiting).toMatchObject({ count: 1, totalHours: 8, medianHours: 8 });
  });

  it("counts a running wait up to the report's time, and narrows by category and agent", async () => {
    deps.clock.set(at(12));
    expect((await teamAnalytics(deps, lee, {})).conversation.waiting).toMatchObject({ totalHours: 12, medianHours: 6 });
    const login = await teamAnalytics(deps, lee, { category: 'Login Issue' });
    expect(login.conversation).toMatchObject({ messages: 1, messagesPerQuery: 1 });
    expect(login.conversation.firstReply.medianHours).toBe(1);
    expect(login.conversation.waiting).toMatchObject({ count: 1, totalHours: 10, medianHours: 10 });
    const annOnly = await teamAnalytics(deps, lee, { agentId: ann.userId });
    expect(annOnly.conversation.firstReply.medianHours).toBe(3);
    expect(annOnly.agents.map((g) => g.conversation.messagesPerQuery)).toEqual([2.5]);
    deps.clock.set(at(10));
  });

  it('shows them to the lead: team figures, the agents table and the digest', async () => {
    const desk = new Desk(deps);
    const conv = {
      account: { platform: 'shell' as const, workspaceId: 'local', platformUserId: lee.username },
      actor: lee,
      surface: { name: 'shell', prefix: '', options: 'equals' as const, formNote: null, updatesFor: () => '' },
    };
    const team = await desk.run(conv, 'team', {});
    const figures = figuresOf(team);
    expect(figures).toMatchObject({
      'Median first reply': '2.0 h',
      'Messages per query': '1.4 (internal notes included)',
      'Waiting on clients': '10.0 h in all; median 5.0 h over 2 queries',
    });
    const agents = team.views.find((v): v is ListView => v.kind === 'list' && v.title === 'Agents')!;
    expect(agents.rows.map((r) => [r.cells.agent, r.cells.reply, r.cells.messages, r.cells.waited])).toEqual([
      ['Ann', '3.0 h', '2.5', '2.0 h'],
      ['Ben', '60 min', '1.0', '8.0 h'],
    ]);
    const range = digestRange('daily', at(10));
    const digest = digestReport('daily', range, await teamAnalytics(deps, lee, { from: range.from, to: range.to }));
    expect(figuresOf(digest.reply)).toMatchObject({
      'Median first reply': '2.0 h',
      'Messages per query': '1.4 (internal notes included)',
      'Waiting on clients': '10.0 h in all; median 5.0 h over 2 queries',
    });
  });

  it('exports the first reply and, to staff, the message count; formulas stay data', async () => {
    const desk = new Desk(deps);
    const conv = (a: Actor) => ({
      account: { platform: 'shell' as const, workspaceId: 'local', platformUserId: a.username },
      actor: a,
      surface: { name: 'shell', prefix: '', options: 'equals' as const, formNote: null, updatesFor: () => '' },
    });
    const staff = csvOf(await desk.run(conv(lee), 'export', {}));
    expect(staff.header.slice(-3)).toEqual(['resolution_note', 'first_reply_hours', 'messages']);
    const cell = (rows: typeof staff, id: number, col: string) =>
      rows.rows.find((r) => r[0] === String(id))?.[rows.header.indexOf(col)];
    expect([ids.a, ids.b, ids.c, ids.d, ids.e].map((id) => cell(staff, id, 'first_reply_hours'))).toEqual([
      '2.00',
      '4.00',
      '1.00',
      '',
      '',
    ]);
    expect([ids.a, ids.b, ids.c, ids.d, ids.e].map((id) => cell(staff, id, 'messages'))).toEqual([
      '3',
      '2',
      '1',
      '1',
      '0',
    ]);
    expect(staff.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    // The client's own export: the reply time they saw, not a count that would reveal internal notes.
    const mine = csvOf(await desk.run(conv(cora), 'mine', { format: 'csv' }));
    expect(mine.header.at(-1)).toBe('first_reply_hours');
    expect(mine.header).not.toContain('messages');
    expect(cell(mine, ids.a, 'first_reply_hours')).toBe('2.00');
  });
});

function figuresOf(reply: Reply): Record<string, string> {
  const stats = reply.views.find((v): v is StatsView => v.kind === 'stats')!;
  return Object.fromEntries(stats.figures.map((f) => [f.label, f.value]));
}

/** The file's header and rows, split on commas outside quotes (the cells here hold no line breaks). */
function csvOf(reply: Reply): { text: string; header: string[]; rows: string[][] } {
  const text = new TextDecoder().decode((reply.views.find((v) => v.kind === 'file') as FileView).data);
  const split = (line: string) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!);
  const [header, ...rows] = text
    .split('\r\n')
    .filter((l) => l !== '')
    .map(split);
  return { text, header: header!, rows };
}
