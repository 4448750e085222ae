import { createHash } from 'node:crypto';
import type { MessageCopyView } from '../../core/views/message-copy';
import type { DiscordMessage } from './discord-message';
import { escapeText, LIMITS, plain } from './discord-text';

const ROLE_NAMES = { client: 'client', agent: 'agent', lead: 'lead' } as const;
/** Longest author name shown; the header stays well under 200 characters. */
const NAME_MAX = 80;

/**
 * Who wrote it and, in a support thread, what became of it: a public message went to the client, an internal
 * note did not. A client's own message is not marked (it came from the client).
 */
function header(copy: MessageCopyView): string {
  const who = `**${plain(copy.authorName, NAME_MAX)}** (${ROLE_NAMES[copy.authorRole]})`;
  const mark =
    copy.mark === 'internal'
      ? { icon: '🔒 ', note: ' · internal note' }
      : copy.mark === 'sentToClient' && copy.authorRole !== 'client'
        ? { icon: '📨 ', note: ' · sent to the client' }
        : { icon: '', note: '' };
  return `${mark.icon}${who}${mark.note}${copy.edited && !copy.deleted ? ' · edited' : ''}`;
}

/**
 * One conversation message as a Discord message: the header line, then the text as written (markdown escaped,
 * no mention ever pinging: the allowed mentions are empty). Text that does not fit the 2,000 characters of
 * content goes in an embed's description (4,096); files are attached. A deleted message reads "(deleted)".
 */
export function renderMessageCopy(copy: MessageCopyView): DiscordMessage {
  const head = header(copy);
  const base = { components: [], ephemeral: false };
  if (copy.deleted) return { ...base, content: `${head}\n*(deleted)*`, embeds: [], files: [] };
  const files = copy.files.map((f) => ({ name: f.filename, data: Buffer.from(f.data), contentType: f.contentType }));
  if (!copy.text) return { ...base, content: head, embeds: [], files };
  const room = LIMITS.content - head.length - 1;
  if (escapeText(copy.text.slice(0, room + 1)).length <= room)
    return { ...base, content: `${head}\n${escapeText(copy.text)}`, embeds: [], files };
  return { ...base, content: head, embeds: [{ description: plain(copy.text, LIMITS.embedDescription) }], files };
}

/**
 * The nonce a copy is posted with (enforce_nonce): the same for every attempt at the same copy, so a post retried
 * after a lost answer returns the first message instead of a second one. At most 25 characters, as Discord asks.
 */
export function copyNonce(placeKey: string, queryId: number, seq: number): string {
  return createHash('sha256').update(`${placeKey}\n${queryId}\n${seq}`).digest('base64url').slice(0, 25);
}
