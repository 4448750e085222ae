import type { APIEmbed } from 'discord.js';
import type { ChartSpec } from '../../core/charts/chart-spec';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { TONE_COLOUR } from './colours';
import type { OutgoingFile } from './discord-message';
import { LIMITS, truncate } from './discord-text';

/** The numbers in words, kept short so several charts fit in one message's 6000 embed characters. */
const ALT_MAX = 300;

export function chartFileName(spec: ChartSpec): string {
  return `chart-${spec.id.replace(/[^a-z0-9-]/gi, '-').slice(0, 60)}.png`;
}

/**
 * A chart as an embed whose image is the PNG attached to the same message (attachment://name.png). When the
 * renderer fails the embed keeps the numbers in words, and the failure goes to `onError`.
 */
export async function chartEmbed(spec: ChartSpec, renderer: ChartRenderer, onError: (e: unknown) => void): Promise<{ embed: APIEmbed; file: OutgoingFile | null }> {
  const base: APIEmbed = { title: truncate(spec.title, LIMITS.embedTitle), description: truncate(spec.altText, ALT_MAX), color: TONE_COLOUR.info };
  try {
    const { png } = await renderer.render(spec);
    const name = chartFileName(spec);
    return { embed: { ...base, image: { url: `attachment://${name}` } }, file: { name, data: Buffer.from(png), contentType: 'image/png' } };
  } catch (e) {
    onError(e);
    return { embed: { ...base, footer: { text: 'The chart image could not be drawn; the numbers are above.' } }, file: null };
  }
}
