import { ChannelType, DiscordAPIError, Routes, type REST } from 'discord.js';

/** A channel as far as routing a message cares: its type and the channel it hangs under. */
export interface ChannelShape {
  type: number;
  parentId: string | null;
}

export interface SupportThreadsOptions {
  supportChannels: readonly string[];
  /** The channel as the gateway client keeps it (threads it was told of), when it does. */
  cached: (channelId: string) => ChannelShape | undefined;
  rest: Pick<REST, 'get'>;
}

const THREAD_TYPES: ReadonlySet<number> = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);
/** Unknown Channel, Missing Access: not a channel the bot can read, so not a support thread. */
const NOT_OURS = new Set([10003, 50001]);
const REMEMBERED = 10_000;

/**
 * Tells whether a server channel is a thread of a support channel (where staff talk about a query). A message's
 * dispatch names its channel only, so the thread's parent is read from the gateway client's cache, else once from
 * REST (GET /channels/{id}); the answer is kept, since a thread never changes parent.
 */
export class SupportThreads {
  private readonly known = new Map<string, boolean>();

  constructor(private readonly deps: SupportThreadsOptions) {}

  async includes(channelId: string): Promise<boolean> {
    const known = this.known.get(channelId);
    if (known !== undefined) return known;
    const shape = this.deps.cached(channelId) ?? (await this.fetched(channelId));
    const answer =
      shape !== null &&
      THREAD_TYPES.has(shape.type) &&
      shape.parentId !== null &&
      this.deps.supportChannels.includes(shape.parentId);
    this.known.set(channelId, answer);
    if (this.known.size > REMEMBERED) this.known.delete(this.known.keys().next().value as string);
    return answer;
  }

  private async fetched(channelId: string): Promise<ChannelShape | null> {
    try {
      const c = (await this.deps.rest.get(Routes.channel(channelId))) as { type: number; parent_id?: string | null };
      return { type: c.type, parentId: c.parent_id ?? null };
    } catch (e) {
      if (e instanceof DiscordAPIError && typeof e.code === 'number' && NOT_OURS.has(e.code)) return null;
      throw e;
    }
  }
}
