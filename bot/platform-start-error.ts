import { networkCause } from '../adapters/http/network-cause';

export type PlatformName = 'Slack' | 'Discord';

/** Why a chat platform refused the bot at start, or could not be reached; each has its own message. */
export type PlatformStartReason = 'unreachable' | 'token-refused' | 'refused';

/**
 * A chat platform the bot could not start on: the message names the platform, the URL that failed and what to
 * check. Thrown before the bot takes any request, so nothing a user did is at stake.
 */
export class PlatformStartError extends Error {
  constructor(
    readonly platform: PlatformName,
    readonly reason: PlatformStartReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const SLACK_API_URL = 'https://slack.com/api/';
export const DISCORD_API_URL = 'https://discord.com/api';

/** `override`: the variable that set the URL, when one did (then it is the first suspect). */
const unreachable = (platform: PlatformName, url: string, e: unknown, override?: string): PlatformStartError | null => {
  const net = networkCause(e);
  if (!net) return null;
  const check = override
    ? `Check ${override}, then this host's network`
    : "Check this host's network, DNS and outbound proxy or firewall";
  return new PlatformStartError(
    platform,
    'unreachable',
    `${platform} is unreachable at ${url}: ${net.text} (${net.code}). ${check}.`,
    { cause: e },
  );
};

/** Slack's answers that mean the token itself is wrong: no retry helps, a new token does. */
const SLACK_TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_allowed_token_type',
  'team_disabled',
  'user_removed_from_team',
]);

/** The Slack calls made at start: Bolt's auth.test with the bot token, then Socket Mode's connection with the app token. */
export type SlackStartCall = 'auth.test' | 'apps.connections.open';

/** `apiUrl`: SLACK_API_URL when set. */
export function slackStartError(e: unknown, call: SlackStartCall, apiUrl?: string): PlatformStartError {
  const url = `${apiUrl ?? SLACK_API_URL}${call}`;
  const down = unreachable('Slack', url, e, apiUrl && 'SLACK_API_URL');
  if (down) return down;
  const { data, statusCode } = e as { data?: { error?: unknown }; statusCode?: unknown };
  const error = typeof data?.error === 'string' ? data.error : undefined;
  if (error && SLACK_TOKEN_ERRORS.has(error)) {
    const fix =
      call === 'auth.test'
        ? 'check SLACK_BOT_TOKEN: the Bot User OAuth Token (xoxb-...) under OAuth & Permissions of your app at api.slack.com/apps; reinstall the app to the workspace if the token was revoked.'
        : 'check SLACK_APP_TOKEN: an app-level token (xapp-...) with the connections:write scope, under Basic Information > App-Level Tokens.';
    return new PlatformStartError(
      'Slack',
      'token-refused',
      `Slack refused the ${call === 'auth.test' ? 'bot' : 'app-level'} token at ${url} (${error}): ${fix}`,
      { cause: e },
    );
  }
  if (error)
    return new PlatformStartError(
      'Slack',
      'refused',
      `Slack answered ${call} with "${error}" at ${url}; the bot cannot start until it succeeds.`,
      { cause: e },
    );
  if (typeof statusCode === 'number')
    return new PlatformStartError(
      'Slack',
      'refused',
      `Slack answered HTTP ${statusCode} at ${url}${statusCode >= 500 ? ': Slack is failing; start again in a while' : ': check SLACK_API_URL'}.`,
      { cause: e },
    );
  return new PlatformStartError(
    'Slack',
    'unreachable',
    `Slack could not be reached at ${url}: ${e instanceof Error ? e.message : String(e)}.`,
    { cause: e },
  );
}

/**
 * Discord at start (the gateway information at /gateway/bot, then the gateway) and for `cqms discord register`
 * (`path`, the route it called): discord.js reports a 401 at login as TokenInvalid, a REST call's as status 401.
 */
export function discordStartError(e: unknown, path: string, apiUrl?: string): PlatformStartError {
  const url = `${apiUrl ?? DISCORD_API_URL}/v10${path}`;
  const down = unreachable('Discord', url, e, apiUrl && 'DISCORD_API_URL');
  if (down) return down;
  const { code, status } = e as { code?: unknown; status?: unknown };
  if (code === 'TokenInvalid' || status === 401) {
    return new PlatformStartError(
      'Discord',
      'token-refused',
      `Discord refused the bot token at ${url} (401 Unauthorized): check DISCORD_TOKEN, the token under Bot in your application at discord.com/developers/applications (Reset Token gives a new one).`,
      { cause: e },
    );
  }
  if (status === 403 || status === 404) {
    return new PlatformStartError(
      'Discord',
      'refused',
      `Discord answered ${status} at ${url}: check DISCORD_APPLICATION_ID (the Application ID of the bot's application)${path.includes('/guilds/') ? ', and that the bot was invited to that server with the applications.commands scope' : ''}.`,
      { cause: e },
    );
  }
  const text = e instanceof Error ? e.message : String(e);
  return new PlatformStartError(
    'Discord',
    typeof status === 'number' ? 'refused' : 'unreachable',
    `Discord ${typeof status === 'number' ? `answered ${status}` : 'could not be reached'} at ${url}: ${text}.`,
    { cause: e },
  );
}
