import type { CardView } from '../../core/views/view-model';
import { toneColour, visible, type Paint } from './ansi';

/**
 * A card as text: the title with its status in the status colour, the fields one per line (a flagged
 * value, such as an invalid mobile, marked in red), the body exactly as the user wrote it, the footer.
 */
export function renderCard(card: CardView, paint: Paint): string[] {
  const status = card.status ? ` ${paint(toneColour(card.tone), `[${card.status}]`)}` : '';
  const lines = [`${paint('bold', visible(card.title))}${status}`];
  const width = Math.max(0, ...card.fields.map((f) => f.label.length));
  for (const f of card.fields) {
    const value = f.flagged ? paint('red', `${visible(f.value)} ⚠`) : visible(f.value);
    const shown = f.label === 'Status' ? paint(toneColour(card.tone), value) : value;
    lines.push(`  ${`${f.label}:`.padEnd(width + 1)} ${shown}`);
  }
  if (card.body !== undefined && card.body !== '') {
    lines.push(`  ${paint('dim', '─'.repeat(20))}`);
    for (const l of card.body.split(/\r?\n/)) lines.push(`  ${visible(l)}`);
  }
  if (card.footer) lines.push(`  ${paint('dim', visible(card.footer))}`);
  return lines;
}
