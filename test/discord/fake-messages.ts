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
      ...(channel.startsWith('wh:') ? { webhook_id: APP_ID, application_id: APP_ID } : {}),
    };
    const box = this.byChannel.get(channel) ?? new Map<string, Json>();
    box.set(id, msg);
    if (id === '@original') box.set(String(msg.id), msg);
    this.byChannel.set(channel, box);
    return msg;
  }
}
