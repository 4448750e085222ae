import type { Platform } from '../domain/platform';

/** The chat platforms a client can hear a conversation on, in the order one is chosen when they raised elsewhere. */
const CHAT_PLATFORMS = ['slack', 'discord'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

/**
 * The one chat platform a client gets a query's public messages on, so every platform agrees and none is left out:
 * where they raised the query when they are linked there, else the first chat platform they are linked on (a query
 * raised in the shell, or before the client linked the platform they raised it on). null: linked on none.
 */
export function clientChatPlatform(raisedOn: Platform, linked: readonly { platform: Platform }[]): ChatPlatform | null {
  const chat = CHAT_PLATFORMS.filter((p) => linked.some((l) => l.platform === p));
  return chat.find((p) => p === raisedOn) ?? chat[0] ?? null;
}
