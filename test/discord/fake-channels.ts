import { APP_ID, DESK_CHANNEL, GUILD_ID, LEADS_CHANNEL, SUPPORT_CHANNEL, type Json } from './discord-ids';

/** Discord's channel types the fake keeps. */
export const CHANNEL_TYPE = { guildText: 0, dm: 1, publicThread: 11 } as const;

/**
 * The channels the fake knows, as GET /channels/{id} returns them: the server's text channels, the threads started
 * from messages in them (a thread's id is its starter message's id, so one message has at most one thread), and
 * the DM channels opened with users.
 */
export class FakeChannels {
  readonly byId = new Map<string, Json>();
  /** Threads started from messages, in the order they were created. */
  readonly threads: Json[] = [];

  constructor(private readonly now: () => number) {
    for (const [id, name] of [
      [SUPPORT_CHANNEL, 'support'],
      [LEADS_CHANNEL, 'leads'],
      [DESK_CHANNEL, 'desk'],
    ] as const)
      this.byId.set(id, {
        id,
        type: CHANNEL_TYPE.guildText,
        guild_id: GUILD_ID,
        name,
        position: 0,
        permission_overwrites: [],
        parent_id: null,
        nsfw: false,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
      });
  }

  get(id: string): Json | undefined {
    return this.byId.get(id);
  }

  /** The server a channel is in; undefined for a DM (and for a channel the fake does not know). */
  guildOf(id: string): string | undefined {
    return this.byId.get(id)?.guild_id as string | undefined;
  }

  /** A public thread started from message `messageId` in `parentId`; the thread takes the message's id. */
  startThread(parentId: string, messageId: string, name: string, autoArchiveMinutes: number): Json {
    const thread: Json = {
      id: messageId,
      type: CHANNEL_TYPE.publicThread,
      guild_id: GUILD_ID,
      parent_id: parentId,
      owner_id: APP_ID,
      name,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      rate_limit_per_user: 0,
      flags: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: autoArchiveMinutes,
        archive_timestamp: new Date(this.now()).toISOString(),
        locked: false,
        create_timestamp: new Date(this.now()).toISOString(),
      },
      member: { id: messageId, user_id: APP_ID, join_timestamp: new Date(this.now()).toISOString(), flags: 0 },
    };
    this.byId.set(messageId, thread);
    this.threads.push(thread);
    return thread;
  }

  dm(id: string, userId: string): Json {
    const dm: Json = {
      id,
      type: CHANNEL_TYPE.dm,
      last_message_id: null,
      flags: 0,
      recipients: [
        { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
      ],
    };
    this.byId.set(id, dm);
    return dm;
  }
}
