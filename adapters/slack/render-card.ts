import type { CardView } from '../../core/views/view-model';
import { LIMITS, type KnownBlock } from './block-kit';
import { escapeMrkdwn, plain } from './mrkdwn';
import {
  actionBlocks,
  contextLine,
  fieldSections,
  fieldText,
  fitBlocks,
  textSections,
  TONE_EMOJI,
} from './render-parts';

/**
 * A query card: the title as a header (plain text), the status with its colour, the short fields side by
 * side, long ones (the resolution note) and the user's description as escaped mrkdwn, the footer, then the
 * buttons core chose for the audience.
 */
export function cardBlocks(card: CardView): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(card.title, LIMITS.headerText) }];
  if (card.status) blocks.push(contextLine(`${TONE_EMOJI[card.tone]} *${escapeMrkdwn(card.status)}*`));
  const shown = card.fields.filter((f) => f.label !== 'Status' || !card.status);
  blocks.push(...fieldSections(shown.filter((f) => f.inline)));
  for (const f of shown.filter((x) => !x.inline)) blocks.push(...textSections(fieldText(f, 4 * LIMITS.sectionText)));
  if (card.body) blocks.push(...textSections(escapeMrkdwn(card.body)));
  if (card.footer) blocks.push(contextLine(escapeMrkdwn(card.footer)));
  blocks.push(...actionBlocks(card.buttons, card.queryId ? String(card.queryId) : ''));
  // A card is one message (chat.update edits it whole), so it never needs more than Slack takes.
  const whole = card.queryId ? `… (shortened: /cqms show ${card.queryId} for the whole text)` : '… (shortened)';
  return fitBlocks(blocks, LIMITS.messageBlocks, whole);
}
