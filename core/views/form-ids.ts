/** The forms core asks for; each surface carries the id through its round trip (Slack private_metadata, Discord custom_id). */
export const FORM_IDS = ['new', 'register', 'login', 'close', 'reply'] as const;

export type FormId = (typeof FORM_IDS)[number];
