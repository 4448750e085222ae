import type { FakeSlack } from './fake-slack';
import { FAKE_BOT, type LedgerChange, type SlackMessage } from './fake-slack-messages';
import { postSigned, type SlackAnswer, TEAM } from './slack-driver';

type Json = Record<string, unknown>;

/** A file a user shares with a message, hosted by the fake (its url_private needs the bot token). */
export interface SharedFile {
  id: string;
  name: string;
  mimetype: string;
  data: Uint8Array;
  /** What Slack declares; the real size by default. */
  size?: number;
}

export interface Delivery {
  /** Slack's retry count: X-Slack-Retry-Num (absent on the first attempt). */
  retryNum?: number;
  /** X-Slack-Retry-Reason: http_timeout, http_error, too_many_requests, unknown_error. */
  retryReason?: string;
}

export interface Said {
  ts: string;
  envelope: Json;
  answer: SlackAnswer;
}

/** The channel type Slack reports for a channel id: D… a DM, G… a private channel, C… a public one. */
export function channelTypeOf(channel: string): 'im' | 'group' | 'channel' {
  return channel.startsWith('D') ? 'im' : channel.startsWith('G') ? 'group' : 'channel';
}

/**
 * Sends Events API requests to the bot's HTTP receiver as Slack does: an `event_callback` envelope (event_id,
 * team_id, api_app_id, event_time, authorizations) signed with the signing secret, and on a retry the same body
 * again with X-Slack-Retry-Num and X-Slack-Retry-Reason. What a user writes is kept by the fake's message ledger
 * first, so the app's replies in that thread find it. `echoBotMessages()` makes the fake send the app its own
 * messages back, as Slack does for every message in a channel the app is subscribed to.
 */
export class SlackEvents {
  private seq = 0;
  private echoing: Promise<unknown>[] = [];

  constructor(
    readonly eventsUrl: string,
    readonly fake: FakeSlack,
  ) {}

  /** The envelope Slack wraps an event in (docs.slack.dev/apis/events-api: the callback fields). */
  envelope(event: Json, eventId = `Ev${String(++this.seq).padStart(8, '0')}`): Json {
    return {
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      team_id: TEAM,
      api_app_id: FAKE_BOT.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        { enterprise_id: null, team_id: TEAM, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(String(eventId)).toString('base64url')}`,
    };
  }

  /** Delivers an envelope (again, with the same event_id, when `retryNum` is set). */
  deliver(envelope: Json, d: Delivery = {}): Promise<SlackAnswer> {
    const headers: Record<string, string> = {};
    if (d.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(d.retryNum);
    if (d.retryReason !== undefined) headers['X-Slack-Retry-Reason'] = d.retryReason;
    return postSigned(this.eventsUrl, JSON.stringify(envelope), 'application/json', { headers });
  }

  /** Slack's check of a new Request URL: the app must echo the challenge. */
  urlVerification(challenge: string): Promise<SlackAnswer> {
    const body = { token: 'gIkuvaNzQIHg97ATvDxqgjtO', challenge, type: 'url_verification' };
    return postSigned(this.eventsUrl, JSON.stringify(body), 'application/json');
  }

  /**
   * A user writes in a channel (a reply when `threadTs` is given); `files` are shared with it (subtype
   * file_share). The message is kept by the fake, then its event sent. `text` is as Slack sends it: `&`, `<`, `>`
   * typed by the user arrive as entities, mentions and links in angle brackets (`<@U123>`).
   */
  async say(
    user: string,
    channel: string,
    text: string,
    o: { threadTs?: string; files?: SharedFile[] } = {},
  ): Promise<Said> {
    const threadTs = o.threadTs ?? null;
    if (threadTs && this.fake.messages.threadLoss(channel, threadTs))
      throw new Error(`a user cannot reply in ${channel} under ${threadTs}: no such top-level message`);
    const ts = this.fake.nextTs();
    const files = (o.files ?? []).map((f) => this.fileObject(user, f));
    const message: SlackMessage = {
      channel,
      ts,
      threadTs,
      user,
      botId: null,
      text,
      blocks: richText(text),
      files: files.map((f) => String(f.id)),
      edited: false,
    };
    this.fake.messages.post(message);
    const event: Json = {
      ...messageJson(message),
      ...(files.length ? { subtype: 'file_share', files, upload: false, display_as_bot: false } : {}),
      ...(threadTs ? { parent_user_id: this.fake.messages.find(channel, threadTs)?.user } : {}),
      channel_type: channelTypeOf(channel),
      event_ts: ts,
    };
    const envelope = this.envelope(event);
    return { ts, envelope, answer: await this.deliver(envelope) };
  }

  /** The user edits a message they wrote: message_changed, with the message before and after. */
  async edit(channel: string, ts: string, text: string): Promise<Said> {
    const previous = this.fake.messages.find(channel, ts);
    if (!previous) throw new Error(`no message ${ts} in ${channel} to edit`);
    this.fake.messages.update(channel, ts, { text, blocks: richText(text) });
    const editTs = this.fake.nextTs();
    const message = { ...messageJson({ ...previous, text }), edited: { user: previous.user, ts: editTs } };
    const envelope = this.envelope(changedEvent(channel, editTs, message, messageJson(previous)));
    return { ts: editTs, envelope, answer: await this.deliver(envelope) };
  }

  /** The user deletes a message they wrote: message_deleted, with the message before. */
  async remove(channel: string, ts: string): Promise<Said> {
    const previous = this.fake.messages.find(channel, ts);
    if (!previous) throw new Error(`no message ${ts} in ${channel} to delete`);
    this.fake.messages.remove(channel, ts);
    const eventTs = this.fake.nextTs();
    const envelope = this.envelope(deletedEvent(channel, eventTs, ts, messageJson(previous)));
    return { ts: eventTs, envelope, answer: await this.deliver(envelope) };
  }

  /**
   * From now on, every message the app posts, edits or deletes comes back to it as Slack sends it (bot_id set,
   * the bot's user as author): the app must ignore them.
   */
  echoBotMessages(): void {
    this.fake.messages.onChange((c) => {
      const event = botEcho(c);
      if (event) this.echoing.push(this.deliver(this.envelope(event)));
    });
  }

  /** Waits for the echoes sent so far to be answered; how many there were. */
  async echoed(): Promise<number> {
    const sent = this.echoing;
    this.echoing = [];
    const answers = (await Promise.all(sent)) as SlackAnswer[];
    const failed = answers.find((a) => a.status !== 200);
    if (failed) throw new Error(`the app answered an echoed message ${failed.status}`);
    return answers.length;
  }

  private fileObject(user: string, f: SharedFile): Json {
    const url = this.fake.serveFile(f.id, f.name, f.data, f.mimetype);
    return {
      id: f.id,
      created: Math.floor(Date.now() / 1000),
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: f.name.split('.').pop(),
      user,
      size: f.size ?? f.data.byteLength,
      mode: 'hosted',
      is_external: false,
      url_private: url,
      url_private_download: url,
    };
  }
}

/** A message as message events show it: a person's (client_msg_id) or the app's own (bot_id, app_id, bot_profile). */
function messageJson(m: SlackMessage): Json {
  const common = { type: 'message', channel: m.channel, user: m.user, text: m.text, ts: m.ts, team: TEAM };
  const thread = m.threadTs ? { thread_ts: m.threadTs } : {};
  if (m.botId === null) return { ...common, client_msg_id: `cm-${m.channel}-${m.ts}`, blocks: m.blocks, ...thread };
  const bot = { id: FAKE_BOT.botId, app_id: FAKE_BOT.appId, name: 'CQMS', team_id: TEAM };
  const blocks = m.blocks ? { blocks: m.blocks } : {};
  return { ...common, bot_id: FAKE_BOT.botId, app_id: FAKE_BOT.appId, bot_profile: bot, ...blocks, ...thread };
}

function botEcho(c: LedgerChange): Json | null {
  const m = c.kind === 'deleted' ? c.previous : c.message;
  if (m.botId !== FAKE_BOT.botId) return null;
  if (c.kind === 'posted') return { ...messageJson(m), channel_type: channelTypeOf(m.channel), event_ts: m.ts };
  if (c.kind === 'changed') return changedEvent(m.channel, m.ts, messageJson(c.message), messageJson(c.previous));
  return deletedEvent(m.channel, m.ts, m.ts, messageJson(c.previous));
}

function changedEvent(channel: string, ts: string, message: Json, previous: Json): Json {
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel,
    channel_type: channelTypeOf(channel),
    ts,
    event_ts: ts,
    message,
    previous_message: previous,
  };
}

function deletedEvent(channel: string, ts: string, deletedTs: string, previous: Json): Json {
  return {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    channel,
    channel_type: channelTypeOf(channel),
    ts,
    event_ts: ts,
    deleted_ts: deletedTs,
    previous_message: previous,
  };
}

/** The rich_text block Slack's clients send with a typed message. */
function richText(text: string): Json[] {
  return [
    {
      type: 'rich_text',
      block_id: 'rt0',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}
