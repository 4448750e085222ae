import type { PlatformAccount } from '../../core/auth/identities';
import type { Platform } from '../../core/domain/platform';
import { Desk } from '../../core/conversation/desk';
import { AlreadyClaimed, NotAuthenticated, NotAuthorized, ValidationFailed } from '../../core/errors';
import type { AlertChannel, AlertNotice, Notifier } from '../../core/ports/notifier';
import { decodeAction, encodeAction } from '../../core/views/action-id';
import type { CardView, FormView, ListView, Reply, StatsView, TextView } from '../../core/views/view-model';
import { outboxDelivery, type OutboxDelivery } from '../support/notification-delivery';
import { TINY_PNG } from '../support/png';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

class RecordingNotifier implements Notifier {
  cards = new Map<number, CardView[]>();
  direct: Array<{ userId: number; platform: Platform; reply: Reply }> = [];
  async upsertChannelCard(queryId: number, card: CardView) {
    this.cards.set(queryId, [...(this.cards.get(queryId) ?? []), card]);
  }
  async sendDirect(userId: number, platform: Platform, reply: Reply) {
    this.direct.push({ userId, platform, reply });
    return true;
  }
  alerts: Array<{ channel: AlertChannel; alert: AlertNotice }> = [];
  async postAlert(channel: AlertChannel, alert: AlertNotice) {
    this.alerts.push({ channel, alert });
  }
  async postCharts() {}
  async postReport() {}
}

const acct = (id: string, platform: Platform = 'shell'): PlatformAccount => ({
  platform,
  workspaceId: 'W1',
  platformUserId: id,
});
const only = <T>(r: Reply, kind: string) => r.views.filter((v) => v.kind === kind) as T[];

describe.each(STORE_KINDS)('the desk conversation on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let desk: Desk;
  /** Notifications travel through the outbox: relayed, then delivered by the queue. */
  let delivery: OutboxDelivery;
  const settle = () => delivery.settle();
  const notifier = new RecordingNotifier();

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    delivery = outboxDelivery(deps, notifier);
    (deps as { jobs: unknown }).jobs = delivery.queue;
    deps.relay = delivery.relay;
    desk = new Desk(deps);
    for (const [name, role] of [
      ['ann', 'agent'],
      ['ben', 'agent'],
      ['lee', 'lead'],
    ] as const) {
      const a = await makeActor(deps, role, name);
      await deps.store.identities.link({ ...acct(name, 'slack'), userId: a.userId, linkedAt: deps.clock.now() });
    }
  });
  afterAll(async () => {
    await delivery.queue.close();
    await ts.dispose();
  });

  it('plays the story: register, raise, claim, refused claim, close, rate, team analytics', async () => {
    const guest = await desk.conversation(acct('zoe'));
    await expect(desk.runLine(guest, 'new')).rejects.toThrow(NotAuthenticated);
    const form = only<FormView>(await desk.runLine(guest, 'register'), 'form')[0]!;
    expect(form.notice).toMatch(/do not mask/);
    await desk.submit(guest, 'register', {
      username: 'zoe',
      email: 'zoe@example.com',
      mobile: '9876501234',
      password: 'zoe-password',
    });
    const zoe = await desk.conversation(acct('zoe'));
    expect(zoe.actor?.role).toBe('client');

    expect(only<FormView>(await desk.runLine(zoe, '/cqms new'), 'form')[0]!.fields.map((f) => f.name)).toEqual([
      'category',
      'heading',
      'description',
      'mobile',
      'screenshot',
    ]);
    const raised = await desk.submit(zoe, 'new', {
      category: 'Payment Failure',
      heading: 'Card declined',
      description: 'Twice today <!channel>',
      screenshot: { filename: 'card.png', data: TINY_PNG },
    });
    const card = only<CardView>(raised, 'card')[0]!;
    const id = card.queryId!;
    await settle();
    expect(notifier.cards.get(id)![0]!.buttons.map((b) => decodeAction(b.actionId)?.kind)).toEqual([
      'claim',
      'reply',
      'waiting',
    ]);

    const ann = await desk.conversation(acct('ann', 'slack'));
    const ben = await desk.conversation(acct('ben', 'slack'));
    const claimButton = notifier.cards.get(id)![0]!.buttons[0]!.actionId;
    await expect(desk.press(zoe, decodeAction(claimButton))).rejects.toThrow(NotAuthorized);
    await desk.press(ann, decodeAction(claimButton));
    await expect(desk.press(ben, decodeAction(claimButton))).rejects.toThrow(
      new AlreadyClaimed(id, { id: ann.actor!.userId, name: 'Ann' }),
    );
    await settle();
    expect(notifier.cards.get(id)!.at(-1)!.status).toBe('In Progress');
    expect(notifier.direct.at(-1)).toMatchObject({ platform: 'shell', userId: zoe.actor!.userId });

    const closeForm = only<FormView>(
      await desk.press(ann, decodeAction(encodeAction({ kind: 'close', queryId: id }))),
      'form',
    )[0]!;
    expect(closeForm).toMatchObject({ formId: 'close', queryId: id });
    await expect(desk.submit(ann, 'close', { note: ' ' }, id)).rejects.toThrow(ValidationFailed);
    await desk.submit(ann, 'close', { note: 'Bank had an outage' }, id);
    await settle();
    const told = notifier.direct.at(-1)!.reply;
    const rateCard = only<CardView>(told, 'card')[0]!;
    expect(rateCard.buttons.filter((b) => decodeAction(b.actionId)?.kind === 'rate')).toHaveLength(5);
    await desk.press(zoe, decodeAction(rateCard.buttons[4]!.actionId));
    const shown = only<CardView>(await desk.runLine(zoe, `show #${id}`), 'card')[0]!;
    expect(shown.fields.find((f) => f.label === 'Rating')?.value).toBe('★★★★★ (5/5)');

    const lee = await desk.conversation(acct('lee', 'slack'));
    const team = await desk.runLine(lee, 'team');
    expect(only<StatsView>(team, 'stats')[0]!.figures.find((f) => f.label === 'Closed')?.value).toBe('1');
    expect(team.views.filter((v) => v.kind === 'chart')).toHaveLength(6);
    expect(only<ListView>(team, 'list')[0]!.rows[0]!.cells.agent).toBe('Ann');
  });

  it('lists with paging buttons that keep the filter', async () => {
    const zoe = await desk.conversation(acct('zoe'));
    for (let i = 0; i < 12; i++) await desk.runLine(zoe, `new category="Bug Report" heading="bug ${i}" description=d`);
    const page1 = only<ListView>(await desk.runLine(zoe, 'mine category="Bug Report"'), 'list')[0]!;
    expect(page1).toMatchObject({ page: 1, pages: 2, total: 12 });
    const page2 = only<ListView>(await desk.press(zoe, decodeAction(page1.next!.actionId)), 'list')[0]!;
    expect(page2).toMatchObject({ page: 2, total: 12 });
    expect(page2.rows.every((r) => r.cells.category === 'Bug Report')).toBe(true);
    const csv = (await desk.runLine(zoe, 'mine format=csv')).views[0]!;
    expect(csv).toMatchObject({ kind: 'file', contentType: 'text/csv' });
    expect(new TextDecoder().decode((csv as { data: Uint8Array }).data).split('\r\n')[0]).toMatch(
      /^query_id,status,category/,
    );
  });

  it('answers unknown commands and bad input clearly', async () => {
    const zoe = await desk.conversation(acct('zoe'));
    const unknown = await desk.runLine(zoe, 'frobnicate');
    expect((unknown.views[0] as TextView).text).toBe('Unknown command "frobnicate". Here is what you can run:');
    const help = only<ListView>(unknown, 'list')[0]!;
    expect(help.rows.map((r) => r.cells.command?.split(' ')[0])).toEqual([
      'help',
      'logout',
      'whoami',
      'new',
      'mine',
      'show',
      'reopen',
      'reply',
      'transcript',
      'rate',
      'stats',
    ]);
    await expect(desk.runLine(zoe, 'claim 1')).rejects.toThrow('A client may not run `claim`.');
    await expect(desk.runLine(zoe, 'show abc')).rejects.toThrow(/"abc" is not a query id/);
    await expect(desk.runLine(zoe, 'new category=Weather heading=x description=y')).rejects.toThrow(
      /"Weather" is not a category/,
    );
    await expect(desk.press(zoe, decodeAction('cqms|claim|x'))).rejects.toThrow(/not recognized/);
    const lee = await desk.conversation(acct('lee', 'slack'));
    await expect(desk.runLine(lee, 'assign 1 zoe')).rejects.toThrow(/zoe is a client, not an agent/);
  });
});
