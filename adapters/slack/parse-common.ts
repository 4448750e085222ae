import { z } from 'zod';
import type { SlackUserRef, Unsupported } from './inbound';

/** The user and team fields interactivity payloads share (team is null for some Enterprise Grid installs). */
export const payloadUser = z.object({ id: z.string().min(1), team_id: z.string().min(1).optional() });
export const payloadTeam = z
  .object({ id: z.string().min(1) })
  .nullable()
  .optional();

export function userRef(user: z.infer<typeof payloadUser>, team: z.infer<typeof payloadTeam>): SlackUserRef | null {
  const teamId = team?.id ?? user.team_id;
  return teamId ? { teamId, userId: user.id } : null;
}

export function unsupported(reason: string): Unsupported {
  return { kind: 'unsupported', reason };
}

/** The first problem zod found, for the log line of an unsupported payload. */
export function firstIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.join('.') || 'payload'}: ${i.message}` : 'invalid payload';
}
