import { isStaff } from '../../domain/roles';
import { ValidationFailed } from '../../errors';
import { getQuery } from '../../queries/get-query';
import { markWaiting } from '../../queries/mark-waiting';
import { postMessage, type PostedMessage } from '../../queries/post-message';
import type { MessageFileInput } from '../../queries/checked-message-file';
import type { MessageVisibility } from '../../domain/query-message';
import { encodeAction } from '../../views/action-id';
import { queryCard } from '../../views/query-card';
import { ephemeral, text, type CardView, type Reply } from '../../views/view-model';
import { actorOf, type Args, type Handler, type HandlerContext } from '../handler';
import { queryIdOf } from '../query-id';
import { transcriptFile } from '../transcript';

/** `reply <id> <text>`: public, on every place of the query; the client only on their own queries. */
export const reply: Handler = (ctx, args) => write(ctx, args, 'public');

/** `note <id> <text>`: internal, seen by the staff only. */
export const note: Handler = (ctx, args) => write(ctx, args, 'internal');

async function write(ctx: HandlerContext, args: Args, visibility: MessageVisibility): Promise<Reply> {
  const actor = actorOf(ctx);
  const posted = await postMessage(ctx.deps, actor, {
    queryId: queryIdOf(args.id),
    text: typeof args.text === 'string' ? args.text : '',
    visibility,
    files: filesOf(args.file),
  });
  return postedReply(posted, isStaff(actor.role));
}

/** What the writer is told once a message is stored; a client on a closed query is offered Reopen. */
export function postedReply(p: PostedMessage, staff: boolean): Reply {
  const id = p.query.id;
  const files = p.message.attachments.length ? ` with ${p.message.attachments.map((a) => a.filename).join(', ')}` : '';
  const said =
    p.message.visibility === 'internal'
      ? `Internal note added to query #${id}${files}; the client does not see it.`
      : staff
        ? `Sent to the client on query #${id}${files}.`
        : `Added to query #${id}${files}; the desk will see it.`;
  return p.offerReopen ? ephemeral(text(said, 'success'), reopenOffer(id)) : ephemeral(text(said, 'success'));
}

/** A closed query still within its window: the client's message is kept, and reopening it is one press. */
export function reopenOffer(queryId: number): CardView {
  return {
    kind: 'card',
    title: `Query #${queryId} is closed`,
    body: 'Your message was added to it. If the problem is not solved, reopen the query so an agent picks it up again.',
    tone: 'closed',
    fields: [],
    buttons: [{ label: 'Reopen', actionId: encodeAction({ kind: 'reopen', queryId }), style: 'primary' }],
    queryId,
  };
}

/** `waiting <id>`: the card shows it, and the resolution clock pauses until the client writes. */
export const waiting: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const q = await markWaiting(ctx.deps, actor, queryIdOf(args.id));
  return ephemeral(
    text(`Query #${q.id} is waiting on the client; its resolution clock is paused until they write.`, 'info'),
    queryCard(q, {}, { kind: 'viewer', role: actor.role, userId: actor.userId }),
  );
};

/** `transcript <id>`: the conversation as a text file; staff get the internal notes too, marked. */
export const transcript: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const { query } = await getQuery(ctx.deps, actor, queryIdOf(args.id));
  return ephemeral(await transcriptFile(ctx.deps, query, isStaff(actor.role)));
};

/** The file option as the surfaces hand it (one upload, the same shape as a screenshot). */
function filesOf(v: unknown): MessageFileInput[] {
  if (v === undefined || v === null || v === '') return [];
  const o = v as Record<string, unknown>;
  if (typeof o.filename !== 'string' || !(o.data instanceof Uint8Array))
    throw ValidationFailed.field('file', 'file must be an uploaded file');
  return [{ filename: o.filename, data: o.data }];
}
