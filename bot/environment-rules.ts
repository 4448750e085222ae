/**
 * Rules between variables, which one variable's schema cannot express (a token without its partner).
 * They read presence only: formats are the schema's job, so one bad value is reported once. They take the raw
 * environment or the parsed one alike, so the start-up check and the platforms' settings share them.
 */
type Vars = Readonly<Record<string, unknown>>;

/** What the process is about to run: the long-running services need more than a one-off command. */
export type ProcessRole = 'bot' | 'worker';

const isSet = (vars: Vars, key: string) => {
  const v = vars[key];
  return typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null;
};

export const NO_PLATFORM =
  'No chat platform is configured: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode), and/or DISCORD_TOKEN with DISCORD_APPLICATION_ID.';
export const WORKER_NEEDS_REDIS =
  'cqms worker needs REDIS_URL (redis://host:port); without it `cqms bot` runs the jobs itself.';

/** Slack's pairs; with `running`, also what a bot or worker needs to post (the support channel). */
export function slackProblems(vars: Vars, running: boolean): string[] {
  const has = (k: string) => isSet(vars, k);
  const problems: string[] = [];
  if (!has('SLACK_BOT_TOKEN')) {
    if (has('SLACK_SIGNING_SECRET') || has('SLACK_APP_TOKEN'))
      problems.push(
        'SLACK_BOT_TOKEN (xoxb-...) is required to run the Slack app (SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set).',
      );
  } else {
    if (!has('SLACK_SIGNING_SECRET') && !has('SLACK_APP_TOKEN'))
      problems.push(
        'Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) beside SLACK_BOT_TOKEN.',
      );
    if (running && !has('SLACK_SUPPORT_CHANNEL'))
      problems.push(
        'SLACK_SUPPORT_CHANNEL (the id of the channel where query cards are posted) is required with Slack.',
      );
  }
  if (vars.SLACK_CHARTS === 'quickchart' && !has('QUICKCHART_URL'))
    problems.push('SLACK_CHARTS=quickchart needs QUICKCHART_URL (a QuickChart server Slack can reach).');
  return problems;
}

/** Discord's pair; with `running`, also the support channel. */
export function discordProblems(vars: Vars, running: boolean): string[] {
  const token = isSet(vars, 'DISCORD_TOKEN');
  const app = isSet(vars, 'DISCORD_APPLICATION_ID');
  if (!token && !app) return [];
  if (!token || !app) return ['Discord needs both DISCORD_TOKEN (the bot token) and DISCORD_APPLICATION_ID.'];
  return running && !isSet(vars, 'DISCORD_SUPPORT_CHANNEL_ID')
    ? ['DISCORD_SUPPORT_CHANNEL_ID (the id of the channel where query cards are posted) is required with Discord.']
    : [];
}

/** Every rule between variables, for a plain command (`role` unset) or a service about to start. */
export function crossFieldProblems(vars: Vars, role?: ProcessRole): string[] {
  const running = role !== undefined;
  const problems = [...slackProblems(vars, running), ...discordProblems(vars, running)];
  if (
    role === 'bot' &&
    !isSet(vars, 'SLACK_BOT_TOKEN') &&
    !isSet(vars, 'DISCORD_TOKEN') &&
    !isSet(vars, 'DISCORD_APPLICATION_ID')
  )
    problems.push(NO_PLATFORM);
  if (role === 'worker' && !isSet(vars, 'REDIS_URL')) problems.push(WORKER_NEEDS_REDIS);
  return problems;
}
