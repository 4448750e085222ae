import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ID, type Json } from './discord-ids';
import type { FakeDiscord, RecordedRequest } from './fake-discord';

export function fixture<T = Json>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'discord', name), 'utf8')) as T;
}

export interface TestUser {
  id: string;
  username: string;
}

export interface FileToUpload {
  filename: string;
  data: Uint8Array;
  contentType: string;
  /** As the client declares it (defaults to the real size). */
  size?: number;
}

/** An interaction sent to the bot: its id and the token its answers use. */
export interface Sent {
  id: string;
  token: string;
}

/** A user as Discord's payloads carry them. */
export const discordUser = (u: TestUser) => ({
  id: u.id,
  username: u.username,
  global_name: u.username[0]!.toUpperCase() + u.username.slice(1),
  discriminator: '0',
  avatar: null,
  public_flags: 0,
});

/**
 * Plays a Discord client: builds interaction payloads from the fixtures (slash commands with options,
 * attachments and users resolved; button presses on a message; modal submits; autocomplete) and dispatches
 * them through the fake gateway; reads the bot's answers from the fake's record.
 */
export class DiscordDriver {
  private seq = 0;
  /** When each interaction was dispatched, by id. */
  private readonly sentAt = new Map<string, number>();
  private readonly tokens = new Map<string, string>();

  constructor(readonly fake: FakeDiscord) {}

  slash(
    user: TestUser,
    sub: string,
    values: Record<string, string | number> = {},
    opts: { files?: Record<string, FileToUpload>; users?: Record<string, TestUser> } = {},
  ): Sent {
    const p = fixture('slash-command.json');
    const options: Json[] = Object.entries(values).map(([name, value]) => ({
      name,
      value,
      type: typeof value === 'number' ? 4 : 3,
    }));
    const attachments: Record<string, Json> = {};
    for (const [name, f] of Object.entries(opts.files ?? {})) {
      const id = this.snowflake('145');
      attachments[id] = {
        id,
        filename: f.filename,
        size: f.size ?? f.data.byteLength,
        content_type: f.contentType,
        url: this.fake.serveAttachment(id, f.filename, f.data, f.contentType),
        proxy_url: '',
        ephemeral: true,
      };
      options.push({ name, type: 11, value: id });
    }
    const users: Record<string, Json> = {};
    for (const [name, u] of Object.entries(opts.users ?? {})) {
      users[u.id] = discordUser(u);
      options.push({ name, type: 6, value: u.id });
    }
    const data = { ...(p.data as Json), options: [{ name: sub, type: 1, options }], resolved: { attachments, users } };
    return this.send(user, { ...p, data });
  }

  autocomplete(user: TestUser, sub: string, focused: { name: string; value: string }): Sent {
    const p = fixture('autocomplete.json');
    const data = {
      ...(p.data as Json),
      options: [{ name: sub, type: 1, options: [{ ...focused, type: focused.name === 'id' ? 4 : 3, focused: true }] }],
    };
    return this.send(user, { ...p, data });
  }

  /** A button on a message: in the guild by default, or in the user's DM with the bot. */
  press(
    user: TestUser,
    customId: string,
    opts: { messageId?: string; channelId?: string; dm?: boolean; ephemeral?: boolean; id?: string } = {},
  ): Sent {
    const p = fixture(opts.dm ? 'dm-button.json' : 'button.json');
    const message = {
      ...(p.message as Json),
      ...(opts.messageId ? { id: opts.messageId } : {}),
      ...(opts.channelId ? { channel_id: opts.channelId } : {}),
      flags: opts.ephemeral ? 64 : 0,
    };
    const channel = { ...(p.channel as Json), ...(opts.channelId ? { id: opts.channelId } : {}) };
    return this.send(
      user,
      { ...p, message, channel, channel_id: channel.id, data: { component_type: 2, custom_id: customId } },
      opts.id,
    );
  }

  submit(user: TestUser, customId: string, values: Record<string, string>): Sent {
    const p = fixture('modal-submit.json');
    let n = 0;
    const components = Object.entries(values).map(([custom_id, value]) => ({
      type: 18,
      id: ++n,
      component: { type: 4, id: ++n, custom_id, value },
    }));
    return this.send(user, { ...p, data: { custom_id: customId, components } });
  }

  /** Dispatches a payload (a given id repeats an interaction, as a replayed delivery would). */
  send(user: TestUser, payload: Json, id?: string): Sent {
    // A replayed delivery is the same interaction: same id, same token.
    const again = id ? this.tokens.get(id) : undefined;
    const sent = {
      id: id ?? this.snowflake('150'),
      token: again ?? `tok-${++this.seq}-${Math.random().toString(36).slice(2)}`,
    };
    this.tokens.set(sent.id, sent.token);
    const who =
      'member' in payload
        ? { member: { ...(payload.member as Json), user: discordUser(user) } }
        : { user: discordUser(user) };
    if (!again) this.sentAt.set(sent.id, Date.now());
    this.fake.gateway.dispatch('INTERACTION_CREATE', { ...payload, ...who, ...sent, application_id: APP_ID });
    return sent;
  }

  /** The interaction's first answer (reply, defer, update, modal, choices). */
  callback(
    s: Sent,
    what = 'the interaction callback',
  ): Promise<RecordedRequest & { body: { type: number; data: Json } }> {
    return this.fake.waitFor(() => this.fake.callbackOf(s.id), `${what} (${s.id})`) as Promise<
      RecordedRequest & { body: { type: number; data: Json } }
    >;
  }

  /** The edit of a deferred answer (PATCH @original). */
  edited(s: Sent): Promise<RecordedRequest> {
    return this.fake.waitFor(
      () =>
        this.fake.requests.find(
          (r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${s.token}/messages/@original`,
        ),
      `the edit of ${s.id}`,
    );
  }

  /** Milliseconds from dispatch to the first answer, for every interaction answered so far. */
  ackTimes(): number[] {
    return [...this.sentAt].flatMap(([id, at]) => {
      const cb = this.fake.callbackOf(id);
      return cb ? [cb.at - at] : [];
    });
  }

  followUps(s: Sent): RecordedRequest[] {
    return this.fake.requests.filter((r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${s.token}`);
  }

  private snowflake(prefix: string): string {
    return `${prefix}${String(Date.now() % 1e10).padStart(10, '0')}${String(++this.seq).padStart(6, '0')}`.slice(0, 19);
  }
}

/** The text of a recorded message body: content, embeds and buttons, for matching. */
export const textOf = (r: { body: Json } | undefined): string => JSON.stringify(r?.body ?? {});

/** Every button custom id in a message body (or an interaction callback's data). */
export function buttonIds(body: Json): string[] {
  const rows = (body.components ?? (body.data as Json | undefined)?.components ?? []) as {
    components?: { custom_id?: string }[];
  }[];
  return rows.flatMap((r) => (r.components ?? []).map((c) => String(c.custom_id)));
}
