import type { FakeDiscord, RecordedRequest } from '../discord/fake-discord';
import type { FakeSlack, RecordedCall } from '../slack/fake-slack';

export interface StaffChannels {
  /** Slack channels only staff see (the support channel: its card threads are in it). */
  slack: readonly string[];
  /** Discord channels and threads only staff see (the support channel, the threads started from its cards). */
  discord: readonly string[];
}

export interface DestinationScan {
  /** How many recorded calls were read. */
  calls: number;
  /** The calls (method and path) that carried `text`, in their body or in a file they sent. */
  find(text: string): string[];
}

/**
 * Everything the app sent anywhere but a staff channel, on both fakes: Slack Web API calls (DMs, conversations.open,
 * ephemeral answers), response_url posts and uploaded file bytes unless shared into a staff channel; Discord REST
 * requests to DM channels, interaction answers and follow-ups, with their files. A superset of what a client can
 * see, so a text it does not contain reached no client on any platform.
 */
export function scanClientDestinations(o: {
  slack: FakeSlack;
  discord: FakeDiscord;
  staffChannels: StaffChannels;
}): DestinationScan {
  const staffSlack = new Set(o.staffChannels.slack);
  const staffDiscord = new Set(o.staffChannels.discord);
  const sentTo = uploadChannels(o.slack.calls);
  const slack = o.slack.calls
    .filter((c) => c.kind !== 'file')
    .filter((c) => !staffSlack.has(c.kind === 'upload' ? (sentTo.get(c.method) ?? '') : slackChannelOf(c)))
    .map((c) => ({
      what: `slack ${c.kind} ${c.method}`,
      said: JSON.stringify(c.body) + (c.kind === 'upload' ? c.raw.toString('utf8') : ''),
    }));
  const discord = o.discord.requests
    .filter((r) => !staffDiscord.has(discordChannelOf(r)))
    .map((r) => ({
      what: `discord ${r.method} ${r.path}`,
      said: JSON.stringify(r.body) + r.files.map((f) => f.data.toString('utf8')).join('\n'),
    }));
  const all = [...slack, ...discord];
  return { calls: all.length, find: (text) => all.filter((c) => c.said.includes(text)).map((c) => c.what) };
}

function slackChannelOf(c: RecordedCall): string {
  return String(c.body.channel ?? c.body.channel_id ?? '');
}

/** Each upload's path (`/upload/F12`) and the channel its file was shared into by files.completeUploadExternal. */
function uploadChannels(calls: readonly RecordedCall[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of calls) {
    if (c.kind !== 'api' || c.method !== 'files.completeUploadExternal') continue;
    for (const f of (c.body.files as { id: string }[] | undefined) ?? []) out.set(`/upload/${f.id}`, slackChannelOf(c));
  }
  return out;
}

/** The channel a REST request acts on (`/channels/<id>/...`); '' for the rest (interactions, DMs opened, gateway). */
function discordChannelOf(r: RecordedRequest): string {
  return /^\/channels\/(\d+)/.exec(r.path)?.[1] ?? '';
}
