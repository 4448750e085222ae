import { z } from 'zod';
import type { SlashCommandIn, Unsupported } from './inbound';
import { firstIssue, unsupported } from './parse-common';

// Form fields of a slash command request (docs.slack.dev/interactivity/implementing-slash-commands).
const schema = z.object({
  command: z.string().startsWith('/'),
  text: z.string().default(''),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().url(),
});

/** A slash command body, already verified and form-decoded, into what the user asked. */
export function parseSlashCommand(body: unknown): SlashCommandIn | Unsupported {
  const r = schema.safeParse(body);
  if (!r.success) return unsupported(`slash command: ${firstIssue(r.error)}`);
  const b = r.data;
  return {
    kind: 'command',
    user: { teamId: b.team_id, userId: b.user_id },
    text: b.text.trim(),
    channelId: b.channel_id,
    triggerId: b.trigger_id,
    responseUrl: b.response_url,
  };
}
