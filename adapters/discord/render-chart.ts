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
 * A chart as an embed whose image is the PNG attached to the same message (attachment://name.png), or, with no
 * PNG (the renderer failed), the embed alone with the numbers in words.
 */
export function chartImageEmbed(
  spec: ChartSpec,
  png: Uint8Array | null,
): { embed: APIEmbed; file: OutgoingFile | null } {
  const base: APIEmbed = {
    title: truncate(spec.title, LIMITS.embedTitle),
    description: truncate(spec.altText, ALT_MAX),
    color: TONE_COLOUR.info,
  };
  if (!png)
    return {
      embed: { ...base, footer: { text: 'The chart image could not be drawn; the numbers are above.' } },
      file: null,
    };
  const name = chartFileName(spec);
  return {
    embed: { ...base, image: { url: `attachment://${name}` } },
    file: { name, data: Buffer.from(png), contentType: 'image/png' },
  };
}

/** chartImageEmbed, drawing the chart first; a renderer failure goes to `onError` and leaves the words. */
export async function chartEmbed(
  spec: ChartSpec,
  renderer: ChartRenderer,
  onError: (e: unknown) => void,
): Promise<{ embed: APIEmbed; file: OutgoingFile | null }> {
  try {
    return chartImageEmbed(spec, (await renderer.render(spec)).png);
  } catch (e) {
    onError(e);
    return chartImageEmbed(spec, null);
  }
}
