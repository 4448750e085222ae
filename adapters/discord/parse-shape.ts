import { z } from 'zod';

// The fields of an interaction payload the parsers read, with the types discord-api-types promises
// (discord.com/developers/docs/interactions/receiving-and-responding#interaction-object). Everything else
// passes through unchecked. A payload that breaks them is unsupported rather than a crash mid-parse.
const user = z.object({ id: z.string().min(1), username: z.string(), global_name: z.string().nullable().optional() });
const option: z.ZodType<unknown> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).optional(),
  }),
);
const attachment = z.object({
  id: z.string(),
  filename: z.string(),
  size: z.number().nonnegative(),
  content_type: z.string().nullable().optional(),
  url: z.string(),
});
const textInput = z.object({ type: z.number().int(), custom_id: z.string().optional(), value: z.unknown().optional() });
const data = z.object({
  name: z.string().optional(),
  type: z.number().int().optional(),
  custom_id: z.string().optional(),
  component_type: z.number().int().optional(),
  options: z.array(option).optional(),
  resolved: z
    .object({ attachments: z.record(z.string(), attachment).optional(), users: z.record(z.string(), user).optional() })
    .optional(),
  components: z
    .array(
      z.object({ type: z.number().int(), component: textInput.optional(), components: z.array(textInput).optional() }),
    )
    .optional(),
});
const byType: Record<number, z.ZodType<unknown>> = {
  2: data.extend({ name: z.string(), type: z.number().int() }),
  3: data.extend({ custom_id: z.string(), component_type: z.number().int() }),
  4: data.extend({ name: z.string() }),
  5: data.extend({ custom_id: z.string() }),
};
const envelope = z.object({
  id: z.string().min(1),
  application_id: z.string(),
  token: z.string().min(1),
  type: z.number().int(),
  member: z.object({ user }).optional(),
  user: user.optional(),
  channel: z.object({ id: z.string() }).nullable().optional(),
  channel_id: z.string().nullable().optional(),
  guild_id: z.string().nullable().optional(),
  message: z.object({ id: z.string(), flags: z.number().int().optional() }).optional(),
});

/**
 * What is wrong with a payload's shape, for the log line of an unsupported interaction, and whether its
 * envelope (who sent it, its token) is sound enough to answer; null when the parsers can read it all.
 */
export function shapeProblem(raw: unknown): { problem: string; answerable: boolean } | null {
  const env = envelope.safeParse(raw);
  if (!env.success) return { problem: firstIssue(env.error), answerable: false };
  const schema = byType[env.data.type];
  const d = schema?.safeParse((raw as { data?: unknown }).data);
  return !d || d.success
    ? null
    : {
        problem: `data.${firstIssue(d.error)}`,
        answerable: env.data.member !== undefined || env.data.user !== undefined,
      };
}

function firstIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.join('.') || 'payload'}: ${i.message}` : 'invalid payload';
}
