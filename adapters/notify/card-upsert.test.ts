import { createQuery } from '../../core/queries/create-query';
import { RetryLater } from '../../core/ports/job-queue';
import { makeActor, testDesk } from '../../test/support/test-desk';
import { openTestStore, type TestStore } from '../../test/support/test-stores';
import { upsertCard, type CardCalls } from './card-upsert';

/** Platform calls that record what they did; `fail` makes the next post or edit throw. */
function calls(): CardCalls & { done: string[]; fail: boolean } {
  let n = 0;
  const c = {
    done: [] as string[],
    fail: false,
    post: async () => {
      if (c.fail) throw new Error('platform down');
      c.done.push(`post m${++n}`);
      return `m${n}`;
    },
    edit: async (id: string) => {
      if (c.fail) throw new Error('platform down');
      c.done.push(`edit ${id}`);
      return true;
    },
  };
  return c;
}

describe('upsertCard', () => {
  let ts: TestStore;
  let queryId = 0;
  beforeAll(async () => {
    ts = await openTestStore('sqlite');
    const deps = testDesk(ts.store);
    queryId = (
      await createQuery(deps, await makeActor(deps, 'client', 'upcora'), {
        category: 'Bug Report',
        heading: 'h',
        description: 'd',
      })
    ).query.id;
  });
  afterAll(() => ts.dispose());

  const ref = () => ({ platform: 'discord' as const, channelId: '900', queryId });
  const o = (state: 'running' | 'gone' = 'running') => ({
    refs: ts.store.messageRefs,
    now: () => new Date(),
    warn: () => undefined,
    processState: () => state,
  });

  it('frees the claim when the post fails, waits for a live holder, takes over from a gone one', async () => {
    const c = calls();
    c.fail = true;
    await expect(upsertCard(o(), ref(), 1, c)).rejects.toThrow('platform down');
    c.fail = false;
    await upsertCard(o(), ref(), 1, c); // not blocked by the failed run
    expect(c.done).toEqual(['post m1']);

    // Another run holds the card (its post under way): a live holder is waited for, a gone one taken over.
    const held = await ts.store.messageRefs.claimCard(ref(), 2, { token: 'other', process: 'elsewhere' }, new Date(), {
      staleBefore: new Date(0),
    });
    expect(held).toEqual({ held: true, messageId: 'm1' });
    const waited = await upsertCard(o('running'), ref(), 3, c).catch((e: unknown) => e);
    expect(waited).toBeInstanceOf(RetryLater);
    expect((waited as RetryLater).retryAfterMs).toBeGreaterThanOrEqual(500);
    await upsertCard(o('gone'), ref(), 3, c);
    expect(c.done).toEqual(['post m1', 'edit m1']);
    // The run taken over finds its claim gone: it changes nothing.
    expect(await ts.store.messageRefs.finishCard({ ...ref(), messageId: 'stray' }, 'other', new Date())).toBe(false);
    expect(await ts.store.messageRefs.find('discord', '900', queryId)).toMatchObject({
      messageId: 'm1',
      cardVersion: 3,
    });
    // An older card than the one shown is not written.
    await upsertCard(o(), ref(), 2, c);
    expect(c.done).toHaveLength(2);
  });
});
