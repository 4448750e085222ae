import { FAKE_BOT, type MessageLedger, type SlackMessage } from './fake-slack-messages';
import type { Refusal } from './slack-refusal';

/** What a successful answer needs from the fake: its counter's next value, its team, its address, its messages. */
export interface AnswerContext {
  n: number;
  teamId: string;
  url: string;
  /** A chat.postEphemeral answer names a message that chat.update may not edit. */
  markEphemeral(ts: string): void;
  /** Every message of every channel, as the app and test users wrote them. */
  messages: MessageLedger;
  /** The call's message appears (and is kept by the ledger); false when Slack takes it and shows it nowhere. */
  shown: boolean;
}

/** The Web API's answer to an accepted call, shaped as Slack documents it for each method the app uses. */
export function slackApiAnswer(method: string, b: Record<string, unknown>, c: AnswerContext): Record<string, unknown> {
  const { n } = c;
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://test.slack.com/',
        team: 'Test',
        user: 'cqms',
        team_id: c.teamId,
        user_id: FAKE_BOT.userId,
        bot_id: FAKE_BOT.botId,
      };
    case 'chat.postMessage': {
      const ts = `${1_770_000_000 + n}.000100`;
      const threadTs = typeof b.thread_ts === 'string' && b.thread_ts ? b.thread_ts : null;
      if (c.shown) c.messages.post(botMessage(String(b.channel), ts, threadTs, b));
      return {
        ok: true,
        channel: b.channel,
        ts,
        message: { text: b.text, blocks: b.blocks, ...(threadTs ? { thread_ts: threadTs } : {}) },
      };
    }
    case 'chat.update':
      c.messages.update(String(b.channel), String(b.ts), { text: String(b.text ?? ''), blocks: b.blocks });
      return { ok: true, channel: b.channel, ts: b.ts, text: b.text };
    case 'chat.delete':
      c.messages.remove(String(b.channel), String(b.ts));
      return { ok: true, channel: b.channel, ts: b.ts };
    case 'chat.postEphemeral': {
      const ts = `${1_770_000_000 + n}.000200`;
      c.markEphemeral(ts);
      return { ok: true, message_ts: ts };
    }
    case 'views.open':
    case 'views.push':
    case 'views.update':
    case 'views.publish':
      return { ok: true, view: { ...(b.view as object), id: `V${n}` } };
    case 'conversations.open':
      return { ok: true, channel: { id: `D${String(b.users)}` } };
    case 'files.getUploadURLExternal':
      return { ok: true, upload_url: `${c.url}/upload/F${n}`, file_id: `F${n}` };
    case 'files.completeUploadExternal': {
      const files = (b.files as { id: string; title?: string }[]) ?? [];
      // Shared into a channel (or a thread of it): the files show as a message of the bot's there.
      if (c.shown && typeof b.channel_id === 'string') {
        const threadTs = typeof b.thread_ts === 'string' && b.thread_ts ? b.thread_ts : null;
        const m = botMessage(b.channel_id, `${1_770_000_000 + n}.000300`, threadTs, {
          text: String(b.initial_comment ?? ''),
        });
        c.messages.post({ ...m, files: files.map((f) => f.id) });
      }
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
    }
    case 'apps.connections.open':
      return { ok: true, url: `${c.url.replace('http', 'ws')}/socket` };
    case 'users.info':
      return {
        ok: true,
        user: { id: b.user, team_id: c.teamId, name: String(b.user).toLowerCase(), real_name: String(b.user) },
      };
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

function botMessage(channel: string, ts: string, threadTs: string | null, b: Record<string, unknown>): SlackMessage {
  return {
    channel,
    ts,
    threadTs,
    user: FAKE_BOT.userId,
    botId: FAKE_BOT.botId,
    text: String(b.text ?? ''),
    blocks: b.blocks,
    files: [],
    edited: false,
  };
}

/** Slack's answer to a refused call: the error, and the pointers when there are any. */
export function slackRefusalAnswer(r: Refusal): Record<string, unknown> {
  return { ok: false, error: r.error, ...(r.messages.length ? { response_metadata: { messages: r.messages } } : {}) };
}
