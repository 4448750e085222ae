import type { StateInput } from '../slack/slack-driver';

/** The private_metadata of the New query modal opened from #general: the form's id and the channel. */
export const NEW_FORM = JSON.stringify({ f: 'new', c: 'C0GENERAL' });

/** A New query modal's inputs that pass every check, under this heading and with no screenshot. */
export const newQueryInputs = (heading: string): Record<string, StateInput> => ({
  category: { select: 'Bug Report' },
  heading,
  description: 'It crashes',
  mobile: null,
});
