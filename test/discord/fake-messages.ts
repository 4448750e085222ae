import { APP_ID, BOT_USER, type Json } from './discord-ids';
import type { UploadedFile } from './fake-http';

/** The messages the fake keeps, by channel (or `wh:<token>` for an interaction's), as Discord returns them. */
export class FakeMessages {
  /** channel id -> message id -> the message as last written. */
  readonly byChannel = new Map<string, Map<string, Json>>();
  private seq = 0;

  constructor(private readonly url: string) {}

  id(): string {
    return String(1_400_000_000_000_000_000n + BigInt(++this.seq));
  }

  found(channel: string, id: string) {
    const msg = this.byChannel.get(channel)?.get(id);
    return msg ? { status: 200, body: msg } : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
  }

  /** Keeps the message as Discord would return it: full message JSON, attachments listed. */
  store(channel: string, id: string, body: Json, files: UploadedFile[], prev?: Json): Json {
    const channelId = channel.startsWith('wh:') ? '1300000000000000900' : channel;
    const msg: Json = {
      id:
        id === '@original'
          ? ((prev?.id as string | undefined) ?? this.byChannel.get(channel)?.get('@original')?.id ?? this.id())
          : id,
      channel_id: channelId,
      type: 0,
      author: BOT_USER,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: files.map((f, i) => ({
        id: this.id(),
        filename: f.filename,
        size: f.data.byteLength,
        content_type: f.contentType,
        url: `${this.url}/attachments/${channelId}/${i}/${f.filename}`,
        proxy_url: `${this.url}/attachments/${channelId}/${i}/${f.filename}`,
      })),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: (prev?.timestamp as string | undefined) ?? new Date().toISOString(),
      edited_timestamp: prev ? new Date().toISOString() : null,
      flags: body.flags ?? 0,
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(body.message_reference ? replyTo(body.message_reference as Json, channelId) : {}),
      ...(channel.startsWith('wh:') ? { webhook_id: APP_ID, application_id: APP_ID } : {}),
    };
    this.keep(channel, id, msg);
    if (id === '@original') this.keep(channel, String(msg.id), msg);
    return msg;
  }

  /** Keeps a message a user wrote (built by the test's driver) as Discord would. */
  keep(channel: string, id: string, msg: Json): void {
    const box = this.byChannel.get(channel) ?? new Map<string, Json>();
    box.set(id, msg);
    this.byChannel.set(channel, box);
  }

  /** Deletes a message; false when there was none (Discord's 10008). */
  remove(channel: string, id: string): boolean {
    return this.byChannel.get(channel)?.delete(id) ?? false;
  }

  /**
   * The bot's message with this nonce in the channel, sent within the last few minutes: with enforce_nonce, Discord
   * returns it instead of creating another.
   */
  withNonce(channel: string, nonce: unknown, now: number): Json | undefined {
    return [...(this.byChannel.get(channel)?.values() ?? [])].find(
      (m) =>
        m.nonce === nonce &&
        (m.author as Json).id === APP_ID &&
        now - Date.parse(String(m.timestamp)) < NONCE_WINDOW_MS,
    );
  }
}

/** A reply's reference as Discord returns it (what was sent also carries fail_if_not_exists). */
const replyTo = (ref: Json, channelId: string): Json => ({
  type: 19,
  message_reference: { type: 0, message_id: ref.message_id, channel_id: ref.channel_id ?? channelId },
});

/** "The past few minutes" of Discord's nonce check. */
const NONCE_WINDOW_MS = 5 * 60_000;
