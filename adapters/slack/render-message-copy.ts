import type { MessageCopyView } from '../../core/views/message-copy';
import type { KnownBlock } from './block-kit';
import { escapeMrkdwn, safeMrkdwn } from './mrkdwn';
import { contextLine, textSections } from './render-parts';

/** A conversation message as a Slack message: who wrote it, what a staff thread must know of it, what it says. */
export interface RenderedCopy {
  text: string;
  blocks: KnownBlock[];
}

const ROLE_NAMES = { client: 'client', agent: 'agent', lead: 'lead' } as const;

const MARKS = {
  sentToClient: ':outbox_tray: sent to the client',
  internal: ':lock: internal note, not sent to the client',
} as const;

/** The notification text Slack shows for a copy (kept well under Slack's 4,000-character advice). */
const FALLBACK_MAX = 3000;

/**
 * Renders one copy: a context line with the author, their role and (in a staff thread) whether the client got it,
 * then the text, escaped, in sections. A deleted message keeps its line and says it was deleted; its text is gone.
 */
export function renderMessageCopy(copy: MessageCopyView): RenderedCopy {
  const author = `*${safeMrkdwn(copy.authorName, 200)}* (${ROLE_NAMES[copy.authorRole]})`;
  const notes = [
    ...(copy.mark ? [MARKS[copy.mark]] : []),
    ...(copy.edited && !copy.deleted ? ['edited'] : []),
    ...(copy.files.length && !copy.deleted
      ? [`${copy.files.length} file${copy.files.length === 1 ? '' : 's'} below`]
      : []),
  ];
  const blocks: KnownBlock[] = [contextLine([author, ...notes].join(' · '))];
  if (copy.deleted) {
    blocks.push(contextLine('_(deleted)_'));
    return { text: `${safeMrkdwn(copy.authorName, 200)}: (deleted)`, blocks };
  }
  blocks.push(...textSections(escapeMrkdwn(copy.text)));
  const said = copy.text || (copy.files.length ? 'sent files' : '');
  return { text: `${safeMrkdwn(copy.authorName, 200)}: ${safeMrkdwn(said, FALLBACK_MAX)}`, blocks };
}
