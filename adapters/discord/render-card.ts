import type { APIEmbed } from 'discord.js';
import type { CardView, StatsView } from '../../core/views/view-model';
import { STATUS_COLOUR, TONE_COLOUR } from './colours';
import { LIMITS, plain, truncate } from './discord-text';
import { fitEmbed } from './fit-embed';

/** Where the whole of a shortened card body can be read. */
export const shortenedMarker = (queryId: number | undefined) =>
  queryId ? `… (shortened: /cqms show ${queryId} for the whole text)` : '…';

/**
 * A query card as an embed: the heading as title, the description (user text, markdown escaped) as body,
 * the colour of its status, fields inline where core says so. Buttons are rendered beside it (render-buttons).
 */
export function cardEmbed(card: CardView): APIEmbed {
  const marker = shortenedMarker(card.queryId);
  return fitEmbed(
    {
      title: plain(card.title, LIMITS.embedTitle),
      ...(card.body ? { description: plain(card.body, LIMITS.embedDescription, marker) } : {}),
      color: card.status ? STATUS_COLOUR[card.status] : TONE_COLOUR[card.tone],
      fields: card.fields.slice(0, LIMITS.fields).map((f) => ({
        name: truncate(f.label, LIMITS.fieldName),
        value: plain(`${f.flagged ? '⚠ ' : ''}${f.value}`, LIMITS.fieldValue) || '-',
        inline: f.inline ?? false,
      })),
      ...(card.footer ? { footer: { text: truncate(card.footer, LIMITS.footer) } } : {}),
    },
    marker,
  );
}

export function statsEmbed(stats: StatsView): APIEmbed {
  return fitEmbed({
    title: truncate(stats.title, LIMITS.embedTitle),
    color: TONE_COLOUR.info,
    fields: stats.figures.slice(0, LIMITS.fields).map((f) => ({
      name: truncate(f.label, LIMITS.fieldName),
      value: truncate(f.value, LIMITS.fieldValue) || '-',
      inline: f.inline ?? true,
    })),
  });
}
