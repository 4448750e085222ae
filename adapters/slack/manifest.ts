import { CATALOG } from '../../core/commands/catalog';
import type { CommandSpec } from '../../core/commands/command-spec';

export const SLASH_COMMAND = '/cqms';
export const EVENTS_PATH = '/slack/events';

/**
 * What the app needs: the slash command, messages and their updates, DMs, file uploads, reading uploaded files,
 * and reading the messages of the conversations it is in (support-channel threads, private or public, and its DMs).
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'files:write',
  'files:read',
  'channels:history',
  'groups:history',
  'im:history',
] as const;
/** The App Home, and messages where the app is a member: public and private channels, and its DMs. */
export const BOT_EVENTS = ['app_home_opened', 'message.channels', 'message.groups', 'message.im'] as const;

export interface ManifestOptions {
  /** Socket Mode: no public URL; Slack reaches the app over a WebSocket it opens with SLACK_APP_TOKEN. */
  socketMode: boolean;
  /** HTTP mode: the public base URL (https://host) where `/slack/events` is served. */
  url?: string;
  name?: string;
}

/** `claim <id>`: a command with its positional options, as the slash command's usage hint lists it. */
function hint(c: CommandSpec): string {
  return [c.name, ...c.options.filter((o) => o.positional).map((o) => `<${o.name}>`)].join(' ');
}

/** The Slack app manifest, generated from the command catalog (one slash command covers all of it). */
export function slackManifest(o: ManifestOptions): Record<string, unknown> {
  if (!o.socketMode && !o.url)
    throw new Error('HTTP mode needs the public URL of the app (--url https://host), or choose Socket Mode');
  const requestUrl = o.socketMode ? undefined : `${o.url!.replace(/\/+$/, '')}${EVENTS_PATH}`;
  const withUrl = <T extends object>(x: T) => (requestUrl ? { ...x, request_url: requestUrl } : x);
  const commands = CATALOG as readonly CommandSpec[];
  return {
    display_information: {
      name: o.name ?? 'CQMS',
      description: 'Client query desk: raise, claim, close and rate support queries without leaving Slack.',
      background_color: '#1d3557',
    },
    features: {
      // Clients write to the app in its Messages tab (their queries' DM threads): it must not be read-only.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: o.name ?? 'CQMS', always_online: true },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          ...(requestUrl ? { url: requestUrl } : {}),
          description: 'Raise and follow support queries; agents claim and close them (`/cqms help` lists all)',
          usage_hint: commands.map(hint).join(' | ').slice(0, 1000),
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: withUrl({ bot_events: [...BOT_EVENTS] }),
      interactivity: withUrl({ is_enabled: true }),
      org_deploy_enabled: false,
      socket_mode_enabled: o.socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** YAML for the manifest (strings double-quoted, so any value is valid YAML). */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value
      .map((v) => `\n${indent}-${isBlock(v) ? toYaml(v, `${indent}  `).replace(/^\n\s*/, ' ') : ` ${scalar(v)}`}`)
      .join('');
  }
  if (isBlock(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return ' {}';
    return entries
      .map(([k, v]) => `\n${indent}${k}:${isBlock(v) || Array.isArray(v) ? toYaml(v, `${indent}  `) : ` ${scalar(v)}`}`)
      .join('');
  }
  return ` ${scalar(value)}`;
}

const isBlock = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
