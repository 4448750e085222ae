import { decodeAction } from '../../core/views/action-id';
import { z } from 'zod';
import type { ButtonIn, Unsupported } from './inbound';
import { firstIssue, payloadTeam, payloadUser, unsupported, userRef } from './parse-common';

// The fields of a block_actions payload this app reads (docs.slack.dev/reference/interaction-payloads/block_actions-payload).
const schema = z.object({
  type: z.literal('block_actions'),
  user: payloadUser,
  team: payloadTeam,
  trigger_id: z.string().min(1),
  response_url: z.string().url().optional(),
  channel: z
    .object({ id: z.string().min(1) })
    .nullable()
    .optional(),
  container: z
    .object({ type: z.string(), is_ephemeral: z.boolean().optional(), message_ts: z.string().optional() })
    .optional(),
  message: z.object({ ts: z.string() }).optional(),
  view: z.object({ id: z.string(), type: z.string() }).optional(),
  actions: z.array(z.object({ type: z.string(), action_id: z.string() })).min(1),
});

/** A button press: which button (its action id, decoded later by core), who pressed it, and where. */
export function parseBlockActions(body: unknown): ButtonIn | Unsupported {
  const r = schema.safeParse(body);
  if (!r.success) return unsupported(`block_actions: ${firstIssue(r.error)}`);
  const b = r.data;
  const user = userRef(b.user, b.team);
  if (!user) return unsupported('block_actions: no team id');
  const action = b.actions[0]!;
  if (action.type !== 'button')
    return unsupported(`block_actions: element type ${JSON.stringify(action.type)} is not used by this app`);
  const inView = b.container?.type === 'view' || (b.view !== undefined && b.message === undefined);
  return {
    kind: 'button',
    user,
    actionId: action.action_id,
    action: decodeAction(action.action_id),
    triggerId: b.trigger_id,
    responseUrl: b.response_url ?? null,
    channelId: b.channel?.id ?? null,
    messageTs: b.message?.ts ?? b.container?.message_ts ?? null,
    surface: inView
      ? b.view?.type === 'home'
        ? 'home'
        : 'modal'
      : b.container?.is_ephemeral
        ? 'ephemeral'
        : 'message',
  };
}
