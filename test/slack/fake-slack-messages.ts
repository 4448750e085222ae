import type { Refusal } from './slack-refusal';

/** The fake's own bot: what auth.test answers and what its messages carry. */
export const FAKE_BOT = { userId: 'UBOT', botId: 'BBOT', appId: 'A0CQMS' } as const;

/** A message as the fake keeps it: in a channel (a DM is a channel too), at a ts, maybe in a thread. */
export interface SlackMessage {
  channel: string;
  ts: string;
  /** The root's ts when the message is a reply in a thread; null for a top-level message. */
  threadTs: string | null;
  /** The author: a user id, or the bot's user id for what the app posted. */
  user: string;
  /** Set on what the app posted (Slack sets bot_id on a bot token's messages). */
  botId: string | null;
  text: string;
  blocks: unknown;
  /** Ids of files shared with the message (files.completeUploadExternal into a channel or thread). */
  files: string[];
  edited: boolean;
}

export type LedgerChange =
  | { kind: 'posted'; message: SlackMessage }
  | { kind: 'changed'; message: SlackMessage; previous: SlackMessage }
  | { kind: 'deleted'; previous: SlackMessage };

const refused = (error: string): Refusal => ({ error, messages: [] });

/**
 * Every message the fake knows, per channel, as Slack keeps them: what the app posted and what the test's users
 * wrote. Enforces what Slack enforces on them: chat.update and chat.delete only on a message that exists
 * (`message_not_found`) and that the bot wrote (`cant_update_message`, `cant_delete_message`); a reply's
 * thread_ts must name a top-level message of that channel (Slack answers ok to one that does not, and the message
 * shows nowhere: `threadLoss` says so, and the fake records it as a refusal).
 */
export class MessageLedger {
  private readonly channels = new Map<string, Map<string, SlackMessage>>();
  private readonly deleted = new Set<string>();
  private readonly listeners: ((c: LedgerChange) => void)[] = [];

  /** Told of every change (the events helper echoes the bot's own messages back to the app, as Slack does). */
  onChange(listener: (c: LedgerChange) => void): void {
    this.listeners.push(listener);
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    return this.channels.get(channel)?.get(ts);
  }

  /** A channel's top-level messages, oldest first. */
  topLevel(channel: string): SlackMessage[] {
    return this.inChannel(channel).filter((m) => m.threadTs === null);
  }

  /** The replies under a root, oldest first (Slack's order: by ts). */
  thread(channel: string, rootTs: string): SlackMessage[] {
    return this.inChannel(channel).filter((m) => m.threadTs === rootTs);
  }

  inChannel(channel: string): SlackMessage[] {
    return [...(this.channels.get(channel)?.values() ?? [])].sort((a, b) => compareTs(a.ts, b.ts));
  }

  /**
   * Why a message posted with this thread_ts would show nowhere: the root is unknown or deleted, or it is itself a
   * reply (docs.slack.dev chat.postMessage: "Avoid using a reply's ts value; use its parent's value instead").
   */
  threadLoss(channel: string, threadTs: unknown): Refusal | null {
    if (threadTs === undefined || threadTs === '') return null;
    if (typeof threadTs !== 'string') return refused('thread_ts_not_a_string');
    const root = this.find(channel, threadTs);
    if (!root) return refused('thread_ts_unknown');
    return root.threadTs === null ? null : refused('thread_ts_is_a_reply');
  }

  /** An ephemeral message in a thread shows only where the thread is active (it has replies). */
  ephemeralThreadLoss(channel: string, threadTs: unknown): Refusal | null {
    const loss = this.threadLoss(channel, threadTs);
    if (loss || threadTs === undefined || threadTs === '') return loss;
    return this.thread(channel, String(threadTs)).length ? null : refused('thread_not_active');
  }

  /** chat.update's refusal, or null. */
  updateRefusal(channel: unknown, ts: unknown): Refusal | null {
    return this.ownRefusal(channel, ts, 'cant_update_message');
  }

  /** chat.delete's refusal, or null. */
  deleteRefusal(channel: unknown, ts: unknown): Refusal | null {
    return this.ownRefusal(channel, ts, 'cant_delete_message');
  }

  post(m: SlackMessage): void {
    let inChannel = this.channels.get(m.channel);
    if (!inChannel) this.channels.set(m.channel, (inChannel = new Map()));
    inChannel.set(m.ts, m);
    this.tell({ kind: 'posted', message: m });
  }

  update(channel: string, ts: string, change: { text: string; blocks: unknown }): void {
    const previous = this.find(channel, ts);
    if (!previous) return;
    const message = { ...previous, ...change, edited: true };
    this.channels.get(channel)!.set(ts, message);
    this.tell({ kind: 'changed', message, previous });
  }

  remove(channel: string, ts: string): void {
    const previous = this.find(channel, ts);
    if (!previous) return;
    this.channels.get(channel)!.delete(ts);
    this.deleted.add(`${channel}/${ts}`);
    this.tell({ kind: 'deleted', previous });
  }

  wasDeleted(channel: string, ts: string): boolean {
    return this.deleted.has(`${channel}/${ts}`);
  }

  private ownRefusal(channel: unknown, ts: unknown, notOwn: string): Refusal | null {
    const m = typeof channel === 'string' && typeof ts === 'string' ? this.find(channel, ts) : undefined;
    if (!m) return refused('message_not_found');
    return m.botId === FAKE_BOT.botId ? null : refused(notOwn);
  }

  private tell(c: LedgerChange): void {
    for (const l of this.listeners) l(c);
  }
}

/** Slack's ts order: seconds, then the six-digit sequence after the dot. */
export function compareTs(a: string, b: string): number {
  const [as, af = ''] = a.split('.');
  const [bs, bf = ''] = b.split('.');
  return Number(as) - Number(bs) || af.localeCompare(bf);
}
