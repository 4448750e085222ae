import type { ButtonView, CardField, Tone } from '../../core/views/view-model';
import { LIMITS, type ActionsBlock, type Button, type KnownBlock } from './block-kit';
import { chunks, escapeMrkdwn, mrkdwn, plain, safeMrkdwn } from './mrkdwn';

export const TONE_EMOJI: Record<Tone, string> = {
  open: ':large_blue_circle:',
  progress: ':large_orange_circle:',
  closed: ':large_green_circle:',
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  danger: ':x:',
};

/** Escaped text as one or more mrkdwn sections (a section holds at most 3,000 characters). */
export function textSections(escaped: string): KnownBlock[] {
  // Slack refuses an empty text: no text, no section.
  return chunks(escaped, LIMITS.sectionText)
    .filter((t) => t.trim() !== '')
    .map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

/** Label and value pairs as section fields, ten to a section; a flagged value carries a warning sign. */
export function fieldSections(fields: readonly CardField[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.sectionFields) {
    out.push({
      type: 'section',
      fields: fields.slice(i, i + LIMITS.sectionFields).map((f) => mrkdwn(fieldText(f, LIMITS.fieldText))),
    });
  }
  return out;
}

export function fieldText(f: CardField, max: number): string {
  const label = `*${escapeMrkdwn(f.label)}*\n`;
  const flag = f.flagged ? ':warning: ' : '';
  return `${label}${flag}${safeMrkdwn(f.value, max - label.length - flag.length)}`;
}

export function button(b: ButtonView, value = ''): Button {
  return {
    type: 'button',
    action_id: b.actionId,
    text: plain(b.label, LIMITS.buttonText),
    ...(value ? { value } : {}),
    ...(b.style ? { style: b.style } : {}),
  };
}

/** Buttons in actions blocks of at most 25 elements. */
export function actionBlocks(buttons: readonly ButtonView[], value = ''): ActionsBlock[] {
  const out: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    out.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements).map((b) => button(b, value)) });
  }
  return out;
}

export function contextLine(escaped: string): KnownBlock {
  // Cut where chunks() would, never inside an entity such as &amp;.
  return { type: 'context', elements: [mrkdwn(chunks(escaped, LIMITS.sectionText)[0] ?? ' ')] };
}

/**
 * At most `max` blocks (Slack refuses a whole message past 50): the text past the limit gives way to a visible
 * marker, the trailing buttons stay.
 */
export function fitBlocks(blocks: readonly KnownBlock[], max: number, marker: string): KnownBlock[] {
  if (blocks.length <= max) return [...blocks];
  let tail = blocks.length;
  while (tail > 0 && blocks[tail - 1]!.type === 'actions') tail--;
  const actions = blocks.slice(tail);
  return [...blocks.slice(0, Math.max(0, max - 1 - actions.length)), contextLine(escapeMrkdwn(marker)), ...actions];
}
