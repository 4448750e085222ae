/** Where an action came from; recorded on every event and used to route notifications back. */
export const PLATFORMS = ['slack', 'discord', 'shell', 'cli', 'import', 'system'] as const;
export type Platform = (typeof PLATFORMS)[number];

const NAMES: Record<Platform, string> = {
  slack: 'Slack',
  discord: 'Discord',
  shell: 'shell',
  cli: 'command line',
  import: 'import',
  system: 'system',
};

/** A platform as users read it: Slack and Discord as they write their names. */
export function platformName(p: Platform): string {
  return NAMES[p];
}
