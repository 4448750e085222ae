import type { QueryStatus } from '../../core/domain/status';
import type { Tone } from '../../core/views/view-model';

/** Embed colours: one per query status, and per tone for everything else. */
export const STATUS_COLOUR: Record<QueryStatus, number> = {
  Open: 0x3498db,
  'In Progress': 0xf1c40f,
  Closed: 0x2ecc71,
};

export const TONE_COLOUR: Record<Tone, number> = {
  open: STATUS_COLOUR.Open,
  progress: STATUS_COLOUR['In Progress'],
  closed: STATUS_COLOUR.Closed,
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  danger: 0xed4245,
};

export const TONE_MARK: Record<Tone, string> = {
  open: '',
  progress: '',
  closed: '',
  info: '',
  success: '✅ ',
  warning: '⚠️ ',
  danger: '⛔ ',
};
