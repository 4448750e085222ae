import { GUILD_ID, type Json } from './discord-ids';
import { discordUser, type FileToUpload, type TestUser } from './discord-driver';
import type { FakeDiscord } from './fake-discord';

export interface WriteOptions {
  /** The message replied to (a reply: message_reference with the referenced message). */
  replyTo?: string;
  files?: FileToUpload[];
}

/**
 * Plays people writing on Discord: a message in a server channel or thread, or in a DM with the bot, with files and
 * replies; edits and deletions. Each is kept by the fake as Discord keeps it and dispatched through its gateway
 * (MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE, shaped as the session's intents allow).
 */
export class MessageDriver {
  constructor(readonly fake: FakeDiscord) {}

  /** A message in a server channel or thread. */
  inChannel(user: TestUser, channelId: string, text: string, o: WriteOptions = {}): Json {
    return this.write(user, channelId, text, o);
  }

  /** A message in the user's DM with the bot. */
  inDm(user: TestUser, text: string, o: WriteOptions = {}): Json {
    return this.write(user, this.fake.openDm(user.id), text, o);
  }

  edit(msg: Json, text: string): Json {
    const edited = { ...msg, content: text, edited_timestamp: new Date(this.fake.now()).toISOString() };
    this.fake.box.keep(String(msg.channel_id), String(msg.id), edited);
    this.fake.gateway.dispatch('MESSAGE_UPDATE', edited);
    return edited;
  }

  remove(msg: Json): void {
    this.fake.box.remove(String(msg.channel_id), String(msg.id));
    const guild = msg.guild_id ? { guild_id: msg.guild_id } : {};
    this.fake.gateway.dispatch('MESSAGE_DELETE', { id: msg.id, channel_id: msg.channel_id, ...guild });
  }

  private write(user: TestUser, channelId: string, text: string, o: WriteOptions): Json {
    const id = this.fake.box.id();
    const guildId = this.fake.channels.guildOf(channelId);
    const referenced = o.replyTo ? this.fake.box.byChannel.get(channelId)?.get(o.replyTo) : undefined;
    const msg: Json = {
      id,
      channel_id: channelId,
      ...(guildId
        ? {
            guild_id: GUILD_ID,
            member: { roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
          }
        : {}),
      type: o.replyTo ? 19 : 0,
      author: discordUser(user),
      content: text,
      attachments: (o.files ?? []).map((f) => {
        const fileId = this.fake.box.id();
        const url = this.fake.serveAttachment(fileId, f.filename, f.data, f.contentType);
        return {
          id: fileId,
          filename: f.filename,
          size: f.size ?? f.data.byteLength,
          content_type: f.contentType,
          url,
          proxy_url: url,
        };
      }),
      embeds: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: new Date(this.fake.now()).toISOString(),
      edited_timestamp: null,
      ...(o.replyTo
        ? {
            message_reference: {
              type: 0,
              message_id: o.replyTo,
              channel_id: channelId,
              ...(guildId ? { guild_id: GUILD_ID } : {}),
            },
            referenced_message: referenced ?? null,
          }
        : {}),
    };
    this.fake.box.keep(channelId, id, msg);
    this.fake.gateway.dispatch('MESSAGE_CREATE', msg);
    return msg;
  }
}

/** Polls until `probe` gives a value: the bot hears messages asynchronously, after the dispatch is sent. */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 8000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
