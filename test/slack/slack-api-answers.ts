import type { Refusal } from './slack-refusal';

/** What a successful answer needs from the fake: its counter's next value, its team, its address. */
export interface AnswerContext {
  n: number;
  teamId: string;
  url: string;
  /** A chat.postEphemeral answer names a message that chat.update may not edit. */
  markEphemeral(ts: string): void;
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
        user_id: 'UBOT',
        bot_id: 'BBOT',
      };
    case 'chat.postMessage':
      return {
        ok: true,
        channel: b.channel,
        ts: `${1_770_000_000 + n}.000100`,
        message: { text: b.text, blocks: b.blocks },
      };
    case 'chat.update':
      return { ok: true, channel: b.channel, ts: b.ts, text: b.text };
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
    case 'files.completeUploadExternal':
      return {
        ok: true,
        files: ((b.files as { id: string; title?: string }[]) ?? []).map((f) => ({ id: f.id, title: f.title ?? '' })),
      };
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

/** Slack's answer to a refused call: the error, and the pointers when there are any. */
export function slackRefusalAnswer(r: Refusal): Record<string, unknown> {
  return { ok: false, error: r.error, ...(r.messages.length ? { response_metadata: { messages: r.messages } } : {}) };
}
