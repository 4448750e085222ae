import type { Tone } from '../../core/views/view-model';

export type Colour = 'blue' | 'yellow' | 'green' | 'red' | 'magenta' | 'cyan' | 'dim' | 'bold';

const CODES: Record<Colour, [number, number]> = {
  blue: [34, 39],
  yellow: [33, 39],
  green: [32, 39],
  red: [31, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/** Wraps text in an ANSI colour, or returns it as is when colours are off (not a TTY, or NO_COLOR set). */
export type Paint = (colour: Colour | null, text: string) => string;

export function painter(enabled: boolean): Paint {
  return (colour, text) => {
    if (!enabled || colour === null || text === '') return text;
    const [on, off] = CODES[colour];
    return `\u001b[${on}m${text}\u001b[${off}m`;
  };
}

/** Status and message tones: Open blue, In Progress yellow, Closed green. */
const TONE_COLOUR: Record<Tone, Colour | null> = {
  open: 'blue',
  progress: 'yellow',
  closed: 'green',
  info: null,
  success: 'green',
  warning: 'yellow',
  danger: 'red',
};

export function toneColour(tone: Tone | undefined): Colour | null {
  return tone ? TONE_COLOUR[tone] : null;
}

/**
 * User text is shown verbatim, but never interpreted by the terminal: control characters (an ESC
 * starting a colour or cursor sequence, a carriage return rewriting the line) are made visible.
 */
export function visible(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** One line of a table cell: line breaks and tabs become spaces, long values end in an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = visible(text.replace(/[\r\n\t]+/g, ' '));
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
