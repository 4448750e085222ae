import { z } from 'zod';
import type { SlackUserRef } from './inbound';

// An Events API envelope carrying app_home_opened (docs.slack.dev/reference/events/app_home_opened).
const schema = z.object({
  team_id: z.string().min(1).optional(),
  authorizations: z.array(z.object({ team_id: z.string().nullable().optional() })).optional(),
  event: z.object({ type: z.literal('app_home_opened'), user: z.string().min(1), tab: z.string().optional() }),
});

/** Who opened the Home tab; null for the Messages tab or a payload that is not this event. */
export function parseHomeOpened(body: unknown): SlackUserRef | null {
  const r = schema.safeParse(body);
  if (!r.success || (r.data.event.tab !== undefined && r.data.event.tab !== 'home')) return null;
  const teamId = r.data.team_id ?? r.data.authorizations?.[0]?.team_id ?? null;
  return teamId ? { teamId, userId: r.data.event.user } : null;
}
