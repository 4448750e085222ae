import { FakeDiscord } from '../fake-discord';
import { InteractionWindow } from './interaction-window';

describe("Discord's clock on interactions, as the fake keeps it", () => {
  let now = 0;
  const window = () => {
    now = 1_000_000;
    const w = new InteractionWindow(() => now);
    w.dispatched({ id: '1', token: 'tok' });
    return w;
  };

  it('takes one first answer within 3 s; a second is refused (40060)', () => {
    const w = window();
    now += 2999;
    expect(w.firstAnswer('1', 'tok')).toBeNull();
    w.acknowledge('1');
    expect(w.firstAnswer('1', 'tok')).toEqual({
      status: 400,
      body: { code: 40060, message: 'Interaction has already been acknowledged.' },
    });
  });

  it("refuses a first answer after 3 s, or with a token that is not the interaction's (404, 10062)", () => {
    const w = window();
    expect(w.firstAnswer('1', 'other')).toEqual({ status: 404, body: { code: 10062, message: 'Unknown interaction' } });
    now += 3001;
    expect(w.firstAnswer('1', 'tok')?.body.code).toBe(10062);
  });

  it('takes edits and follow-ups once acknowledged, for 15 minutes (then 401, 50027)', () => {
    const w = window();
    expect(w.tokenUse('tok')).toEqual({ status: 404, body: { code: 10015, message: 'Unknown Webhook' } });
    w.acknowledge('1');
    now += 15 * 60_000;
    expect(w.tokenUse('tok')).toBeNull();
    now += 1;
    expect(w.tokenUse('tok')).toEqual({ status: 401, body: { code: 50027, message: 'Invalid Webhook Token' } });
    expect(w.tokenUse('never-issued')?.body.code).toBe(50027);
  });
});

describe('refusals fail the test that caused them', () => {
  const post = (fake: FakeDiscord, body: unknown) =>
    fetch(`${fake.apiUrl}/v10/channels/900/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records a refusal; one not declared is handed out once, and close() rejects listing it', async () => {
    const fake = await FakeDiscord.start();
    const res = await post(fake, { embeds: [{ description: 'x'.repeat(4097) }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        embeds: {
          '0': {
            description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4096 or fewer in length.' }] },
          },
        },
      },
    });
    await expect(fake.close()).rejects.toThrow(
      /POST \/channels\/900\/messages -> 400 50035 Invalid Form Body\n {4}embeds\.0\.description: BASE_TYPE_MAX_LENGTH Must be 4096 or fewer in length\./,
    );
    expect(fake.unexpectedRefusals()).toEqual([]);
  });

  it('excuses exactly the refusals a test declared', async () => {
    const fake = await FakeDiscord.start();
    fake.expectRefusal({ code: 50006, path: /^\/channels\/900\/messages$/ });
    expect((await post(fake, { content: '' })).status).toBe(400);
    expect(fake.refusals).toHaveLength(1);
    expect(fake.unexpectedRefusals()).toEqual([]);
    expect((await post(fake, { content: '' })).status).toBe(400);
    expect(fake.unexpectedRefusals()).toEqual([
      'POST /channels/900/messages -> 400 50006 Cannot send an empty message',
    ]);
    await fake.close();
  });
});
