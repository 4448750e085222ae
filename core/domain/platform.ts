/** Where an action came from; recorded on every event and used to route notifications back. */
export const PLATFORMS = ['slack', 'discord', 'shell', 'cli', 'import', 'system'] as const;
export type Platform = (typeof PLATFORMS)[number];
