import { DiscordAPIError } from 'discord.js';
import type { Desk } from '../../core/conversation/desk';
import type { Reply } from '../../core/views/view-model';
import { decodeAction, encodeAction } from '../../core/views/action-id';
import type { DeskCalls, Outcome } from './desk-calls';
import type { DiscordMessage } from './discord-message';
import type { HandledOnce } from './handled-once';
import type { DiscordInbound, InteractionMeta } from './inbound';
import { InteractionRouter } from './interaction-router';
import { RecentInteractions } from './recent-interactions';
import type { Responder } from './responder';

const meta = (id: string): InteractionMeta => ({
  id,
  applicationId: 'app',
  token: `tok-${id}`,
  user: { userId: 'u1', username: 'Zoe' },
  channelId: 'c1',
  guildId: 'g1',
});
const msg = (content: string): DiscordMessage => ({ content, embeds: [], components: [], files: [], ephemeral: true });
const later = <T>(ms: number, v: T) => new Promise<T>((r) => setTimeout(() => r(v), ms));

class RecordingResponder implements Responder {
  readonly said: string[] = [];
  answered = false;
  private first(what: string) {
    this.said.push(what);
    this.answered = true;
    return Promise.resolve();
  }
  reply = (m: DiscordMessage) => this.first(`reply:${m.content}`);
  defer = (e: boolean) => this.first(`defer:${e}`);
  deferUpdate = () => this.first('deferUpdate');
  update = (m: DiscordMessage) => this.first(`update:${m.content}`);
  /** What opening a modal fails with, if it does. */
  modalError: unknown;
  modal = () => (this.modalError ? Promise.reject(this.modalError) : this.first('modal'));
  choices = () => this.first('choices');
  edit = async (m: DiscordMessage) => void this.said.push(`edit:${m.content}`);
  followUp = async (m: DiscordMessage) => void this.said.push(`followUp:${m.content}`);
}

function router(outcome: (i: DiscordInbound) => Promise<Outcome>) {
  const keys = new Set<string>();
  const once: HandledOnce = { claim: async (k) => (keys.has(k) ? false : (keys.add(k), true)) };
  const calls = {
    command: outcome,
    button: outcome,
    submit: outcome,
    render: async (reply: Reply) => reply.views.map((v) => msg(v.kind === 'text' ? v.text : v.kind)),
  } as unknown as DeskCalls;
  const recent = new RecentInteractions();
  const log: string[] = [];
  const r = new InteractionRouter({
    desk: {} as Desk,
    calls,
    once,
    recent,
    log: { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) },
    ackBudgetMs: 30,
  });
  return { r, recent, log };
}

const command = (id: string, name = 'whoami'): DiscordInbound => ({
  kind: 'command',
  meta: meta(id),
  name,
  options: { values: {}, attachments: {}, users: {} },
});
const button = (id: string, actionId: string): DiscordInbound => ({
  kind: 'button',
  meta: meta(id),
  actionId,
  action: decodeAction(actionId),
  messageId: 'm1',
  ephemeralMessage: true,
});
const page = encodeAction({ kind: 'page', list: 'mine', page: 2, filter: '' });

describe('the interaction router', () => {
  it('answers quick work directly, follow-ups after, and remembers the token for DM fallbacks', async () => {
    const { r, recent } = router(async () => ({ messages: [msg('one'), msg('two')], failed: false }));
    const res = new RecordingResponder();
    await r.handle(command('1'), res);
    expect(res.said).toEqual(['reply:one', 'followUp:two']);
    expect(await recent.valid('u1')).toMatchObject({ token: 'tok-1' });
  });

  it('defers work past the budget, then edits; slow commands are deferred before any work', async () => {
    const { r } = router(() => later(80, { messages: [msg('late')], failed: false }));
    const res = new RecordingResponder();
    await r.handle(command('2'), res);
    expect(res.said).toEqual(['defer:true', 'edit:late']);
    const slow = new RecordingResponder();
    await router(async () => ({ messages: [msg('charts')], failed: false })).r.handle(command('3', 'team'), slow);
    expect(slow.said).toEqual(['defer:true', 'edit:charts']);
  });

  it('replaces a list in place when paging, and keeps it when paging fails', async () => {
    const ok = new RecordingResponder();
    await router(async () => ({ messages: [msg('page 2')], failed: false })).r.handle(button('4', page), ok);
    expect(ok.said).toEqual(['update:page 2']);
    const slowPage = new RecordingResponder();
    await router(() => later(80, { messages: [msg('page 2')], failed: false })).r.handle(button('5', page), slowPage);
    expect(slowPage.said).toEqual(['deferUpdate', 'edit:page 2']);
    const failed = new RecordingResponder();
    await router(() => later(80, { messages: [msg('no such page')], failed: true })).r.handle(
      button('6', page),
      failed,
    );
    expect(failed.said).toEqual(['deferUpdate', 'followUp:no such page']);
  });

  it('opens a modal only as the first answer', async () => {
    const modal = { custom_id: 'cqmsf|close|1||', title: 'Close', components: [] };
    const quick = new RecordingResponder();
    await router(async () => ({ modal, messages: [], failed: false })).r.handle(
      button('7', encodeAction({ kind: 'close', queryId: 1 })),
      quick,
    );
    expect(quick.said).toEqual(['modal']);
    const late = new RecordingResponder();
    await router(() => later(80, { modal, messages: [], failed: false })).r.handle(
      button('8', encodeAction({ kind: 'close', queryId: 1 })),
      late,
    );
    expect(late.said).toHaveLength(2);
    expect(late.said[0]).toBe('defer:true');
    expect(late.said[1]).toMatch(
      /^edit:The "Close" form was not opened: getting it ready took longer than the 3 seconds Discord allows\. Nothing was saved; press the button again, it usually opens at once\. \(ref [0-9A-F]{4}\)$/,
    );
  });

  describe('says why a form did not open, with the reference of its log line', () => {
    const modal = { custom_id: 'cqmsf|new|||', title: 'Raise a query', components: [] };
    const attempt = async (error: unknown) => {
      const { r, log } = router(async () => ({ modal, messages: [], failed: false }));
      const res = new RecordingResponder();
      res.modalError = error;
      await r.handle(command('20', 'new'), res);
      const ref = /ref ([0-9A-F]{4})/.exec(log.join('\n'))?.[1];
      return { said: res.said, log, ref };
    };
    const apiError = (status: number, code: number, message: string) =>
      new DiscordAPIError(
        { code, message },
        code,
        status,
        'POST',
        'https://discord.com/api/v10/interactions/1/t/callback',
        { body: {} },
      );

    it('Discord refused the modal (400): our fault, running it again cannot help', async () => {
      const { said, log, ref } = await attempt(apiError(400, 50035, 'Invalid Form Body'));
      expect(said).toEqual([
        `reply:Discord refused to open the "Raise a query" form. This is a fault in CQMS, not in anything you did, so running it again will not help: please tell your support team, quoting ref ${ref}.`,
      ]);
      expect(log.find((l) => l.includes(`ref ${ref}`))).toMatch(
        /Discord refused the modal: 400 50035 Invalid Form Body/,
      );
    });

    it('Discord unreachable: try again in a moment; never "in time"', async () => {
      const { said, ref } = await attempt(new TypeError('fetch failed'));
      expect(said).toEqual([
        `reply:Discord could not be reached to open the "Raise a query" form. Nothing was saved; run /cqms new again in a moment. (ref ${ref})`,
      ]);
      expect(said.join()).not.toMatch(/in time/);
    });

    it('the 3 s window passed before the modal reached Discord: logged, nothing more can be said', async () => {
      const { said, log, ref } = await attempt(apiError(404, 10062, 'Unknown interaction'));
      expect(said).toEqual([]);
      expect(log.find((l) => l.includes(`ref ${ref}`))).toMatch(/after the interaction's 3 s window/);
    });
  });

  it('handles an interaction id once', async () => {
    let runs = 0;
    const { r, log } = router(async () => (runs++, { messages: [msg('claimed')], failed: false }));
    const a = new RecordingResponder();
    const b = new RecordingResponder();
    await Promise.all([
      r.handle(button('9', encodeAction({ kind: 'claim', queryId: 1 })), a),
      r.handle(button('9', encodeAction({ kind: 'claim', queryId: 1 })), b),
    ]);
    expect(runs).toBe(1);
    expect([...a.said, ...b.said]).toEqual(['reply:claimed']);
    expect(log.some((l) => /delivered again/.test(l))).toBe(true);
  });
});
