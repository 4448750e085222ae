import type { Desk } from '../../core/conversation/desk';
import { encodeAction } from '../../core/views/action-id';
import type { DeskCalls, Outcome } from './desk-calls';
import type { DiscordMessage } from './discord-message';
import type { HandledOnce } from './handled-once';
import type { DiscordInbound, InteractionMeta } from './inbound';
import { InteractionRouter } from './interaction-router';
import { RecentInteractions } from './recent-interactions';
import type { Responder } from './responder';

const meta = (id: string): InteractionMeta => ({ id, applicationId: 'app', token: `tok-${id}`, user: { userId: 'u1', username: 'Zoe' }, channelId: 'c1', guildId: 'g1' });
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
  modal = () => this.first('modal');
  choices = () => this.first('choices');
  edit = async (m: DiscordMessage) => void this.said.push(`edit:${m.content}`);
  followUp = async (m: DiscordMessage) => void this.said.push(`followUp:${m.content}`);
}

function router(outcome: (i: DiscordInbound) => Promise<Outcome>) {
  const keys = new Set<string>();
  const once: HandledOnce = { claim: async (k) => (keys.has(k) ? false : (keys.add(k), true)) };
  const calls = { command: outcome, button: outcome, submit: outcome, render: async () => [msg('The form could not be opened in time')] } as unknown as DeskCalls;
  const recent = new RecentInteractions();
  const log: string[] = [];
  const r = new InteractionRouter({ desk: {} as Desk, calls, once, recent, log: { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) }, ackBudgetMs: 30 });
  return { r, recent, log };
}

const command = (id: string, name = 'whoami'): DiscordInbound => ({ kind: 'command', meta: meta(id), name, options: { values: {}, attachments: {}, users: {} } });
const button = (id: string, actionId: string): DiscordInbound => ({ kind: 'button', meta: meta(id), actionId, messageId: 'm1', ephemeralMessage: true });
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
    await router(() => later(80, { messages: [msg('no such page')], failed: true })).r.handle(button('6', page), failed);
    expect(failed.said).toEqual(['deferUpdate', 'followUp:no such page']);
  });

  it('opens a modal only as the first answer', async () => {
    const modal = { custom_id: 'cqmsf|close|1||', title: 'Close', components: [] };
    const quick = new RecordingResponder();
    await router(async () => ({ modal, messages: [], failed: false })).r.handle(button('7', encodeAction({ kind: 'close', queryId: 1 })), quick);
    expect(quick.said).toEqual(['modal']);
    const late = new RecordingResponder();
    await router(() => later(80, { modal, messages: [], failed: false })).r.handle(button('8', encodeAction({ kind: 'close', queryId: 1 })), late);
    expect(late.said).toEqual(['defer:true', 'edit:The form could not be opened in time']);
  });

  it('handles an interaction id once', async () => {
    let runs = 0;
    const { r, log } = router(async () => (runs++, { messages: [msg('claimed')], failed: false }));
    const a = new RecordingResponder();
    const b = new RecordingResponder();
    await Promise.all([r.handle(button('9', encodeAction({ kind: 'claim', queryId: 1 })), a), r.handle(button('9', encodeAction({ kind: 'claim', queryId: 1 })), b)]);
    expect(runs).toBe(1);
    expect([...a.said, ...b.said]).toEqual(['reply:claimed']);
    expect(log.some((l) => /delivered again/.test(l))).toBe(true);
  });
});
