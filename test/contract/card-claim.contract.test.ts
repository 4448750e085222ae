import { createQuery } from '../../core/queries/create-query';
import type { CardClaim } from '../../core/ports/store';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const LEASE_MS = 120_000;
const T = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T.getTime() + ms);
const by = (n: number) => ({ token: `run-${n}`, process: `process-${n}` });

/** The claim a card's first post and every later platform call take in message_refs, racing across processes. */
describe.each(STORE_KINDS)('card claims in message_refs on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  const queryIds: number[] = [];
  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    const cora = await makeActor(deps, 'client', 'claimcora');
    for (let i = 0; i < 5; i++)
      queryIds.push(
        (await createQuery(deps, cora, { category: 'Bug Report', heading: `claimed ${i}`, description: 'd' })).query.id,
      );
  });
  afterAll(async () => {
    await ts.dispose();
  });

  const card = (i: number) => ({ platform: 'slack' as const, channelId: 'C0SUPPORT', queryId: queryIds[i]! });
  const claim = (i: number, run: number, version: number, now: Date, goneToken?: string): Promise<CardClaim> =>
    ts.store.messageRefs.claimCard(card(i), version, by(run), now, {
      staleBefore: new Date(now.getTime() - LEASE_MS),
      ...(goneToken ? { goneToken } : {}),
    });

  it('lets one of 8 racing first claims win; the others see it held, then edit the message it posted', async () => {
    const claims = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((run) => claim(0, run, 100, T)));
    const won = claims.flatMap((c, i) => (c.held ? [i + 1] : []));
    expect(won).toHaveLength(1);
    expect(claims[won[0]! - 1]).toEqual({ held: true, messageId: null });
    for (const c of claims.filter((c) => !c.held))
      expect(c).toEqual({ held: false, shownVersion: 100, holder: { ...by(won[0]!), since: T } });
    // Nothing posted yet: no message to find.
    expect(await ts.store.messageRefs.find('slack', 'C0SUPPORT', queryIds[0]!)).toBeNull();

    expect(
      await ts.store.messageRefs.finishCard({ ...card(0), messageId: '1770.0001' }, by(won[0]!).token, at(1_000)),
    ).toBe(true);
    expect(await ts.store.messageRefs.find('slack', 'C0SUPPORT', queryIds[0]!)).toEqual({
      ...card(0),
      messageId: '1770.0001',
      cardVersion: 100,
    });
    // A loser's retry takes the free card and is told the message to edit.
    const loser = won[0] === 1 ? 2 : 1;
    expect(await claim(0, loser, 100, at(1_500))).toEqual({ held: true, messageId: '1770.0001' });
    expect(
      await ts.store.messageRefs.finishCard({ ...card(0), messageId: '1770.0001' }, by(loser).token, at(2_000)),
    ).toBe(true);
  });

  it('frees a claim whose platform call failed, only for the run that holds it', async () => {
    expect(await claim(1, 1, 100, T)).toEqual({ held: true, messageId: null });
    await ts.store.messageRefs.releaseCard(card(1), by(2).token); // not its claim: nothing changes
    expect(await claim(1, 3, 100, at(10))).toMatchObject({ held: false, holder: by(1) });
    await ts.store.messageRefs.releaseCard(card(1), by(1).token);
    // A card never posted is forgotten: the next run posts it.
    expect(await claim(1, 3, 100, at(20))).toEqual({ held: true, messageId: null });
    expect(await ts.store.messageRefs.finishCard({ ...card(1), messageId: 'm1' }, by(3).token, at(30))).toBe(true);
    // A posted card keeps its message when an edit fails.
    expect(await claim(1, 4, 101, at(40))).toEqual({ held: true, messageId: 'm1' });
    await ts.store.messageRefs.releaseCard(card(1), by(4).token);
    expect(await ts.store.messageRefs.find('slack', 'C0SUPPORT', queryIds[1]!)).toMatchObject({ messageId: 'm1' });
    expect(await claim(1, 5, 101, at(50))).toEqual({ held: true, messageId: 'm1' });
  });

  it('takes a claim over once its lease ran out, or at once from a holder known gone; the old holder then changes nothing', async () => {
    expect(await claim(2, 1, 100, T)).toEqual({ held: true, messageId: null });
    expect(await claim(2, 2, 100, at(LEASE_MS - 1))).toMatchObject({ held: false, holder: { token: 'run-1' } });
    expect(await claim(2, 2, 100, at(LEASE_MS + 1))).toEqual({ held: true, messageId: null });
    // The first holder, alive after all, neither frees nor finishes the new holder's claim.
    await ts.store.messageRefs.releaseCard(card(2), by(1).token);
    expect(
      await ts.store.messageRefs.finishCard({ ...card(2), messageId: 'late' }, by(1).token, at(LEASE_MS + 2)),
    ).toBe(false);
    expect(await claim(2, 3, 100, at(LEASE_MS + 3))).toMatchObject({ held: false, holder: { token: 'run-2' } });
    // Run 2's process is known gone: run 3 names its token and takes the card at once; a wrong token takes nothing.
    expect(await claim(2, 3, 100, at(LEASE_MS + 4), 'run-9')).toMatchObject({
      held: false,
      holder: { token: 'run-2' },
    });
    expect(await claim(2, 3, 100, at(LEASE_MS + 5), 'run-2')).toEqual({ held: true, messageId: null });
    expect(await ts.store.messageRefs.finishCard({ ...card(2), messageId: 'm2' }, by(3).token, at(LEASE_MS + 6))).toBe(
      true,
    );
    expect(await ts.store.messageRefs.find('slack', 'C0SUPPORT', queryIds[2]!)).toMatchObject({ messageId: 'm2' });
  });

  it('never lets an older card take a card that shows (or is being written to show) a newer one', async () => {
    expect(await claim(3, 1, 200, T)).toEqual({ held: true, messageId: null });
    expect(await ts.store.messageRefs.finishCard({ ...card(3), messageId: 'm3' }, by(1).token, at(1))).toBe(true);
    expect(await claim(3, 2, 150, at(2))).toEqual({ held: false, shownVersion: 200, holder: null });
    expect(await claim(3, 3, 200, at(3))).toEqual({ held: true, messageId: 'm3' }); // the same version again (a retry) may write
    expect(await ts.store.messageRefs.finishCard({ ...card(3), messageId: 'm3' }, by(3).token, at(4))).toBe(true);
    expect(await claim(3, 4, 300, at(5))).toEqual({ held: true, messageId: 'm3' });
    // While 300 is being written, 250 waits for it (held), then finds it shown and stands down.
    expect(await claim(3, 5, 250, at(6))).toMatchObject({ held: false, shownVersion: 300, holder: { token: 'run-4' } });
    expect(await ts.store.messageRefs.finishCard({ ...card(3), messageId: 'm3' }, by(4).token, at(7))).toBe(true);
    expect(await claim(3, 5, 250, at(8))).toEqual({ held: false, shownVersion: 300, holder: null });
    expect(await ts.store.messageRefs.find('slack', 'C0SUPPORT', queryIds[3]!)).toMatchObject({ cardVersion: 300 });
    // 8 racing edits of a posted card: one holder.
    const claims = await Promise.all([11, 12, 13, 14, 15, 16, 17, 18].map((run) => claim(3, run, 400, at(9))));
    expect(claims.filter((c) => c.held)).toEqual([{ held: true, messageId: 'm3' }]);
  });
});
