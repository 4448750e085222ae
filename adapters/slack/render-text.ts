import type { StatsView, TextView } from '../../core/views/view-model';
import type { KnownBlock } from './block-kit';
import { escapeMrkdwn } from './mrkdwn';
import { fieldSections, textSections, TONE_EMOJI } from './render-parts';

/** A message from core (it may quote user text, so it is escaped like everything else). */
export function textBlocks(t: TextView): KnownBlock[] {
  return textSections(`${TONE_EMOJI[t.tone]} ${escapeMrkdwn(t.text)}`);
}

export function statsBlocks(s: StatsView): KnownBlock[] {
  return [...textSections(`*${escapeMrkdwn(s.title)}*`), ...fieldSections(s.figures)];
}
