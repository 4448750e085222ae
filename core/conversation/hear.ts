import type { DeskDeps } from '../desk/desk-deps';
import type { Actor } from '../domain/actor';
import { isStaff } from '../domain/roles';
import { ConversationClosed, failureMessage, isCqmsError } from '../errors';
import { postMessage } from '../queries/post-message';
import { encodeAction } from '../views/action-id';
import { shorten } from '../views/shorten';
import { ephemeral, text, type CardView, type Reply } from '../views/view-model';
import type { Conversation } from './conversation';
import { signInText } from './handler';
import { postedReply } from './handlers/message-handlers';
import type { InboundMessage } from './inbound-message';
import { publicText } from './public-prefix';
import { commandHint } from './surface';

/** Queries offered as buttons to a client whose direct message could belong to several. */
export const PICK_CHOICES_MAX = 5;

/**
 * A message heard on a platform, routed to its query and stored through postMessage. Refusals (core's typed
 * errors) become the writer's answer; anything else is thrown for the surface to log and retry.
 */
export async function hear(deps: DeskDeps, conv: Conversation, m: InboundMessage): Promise<Reply | null> {
  try {
    // A retried event (the same platform message) was stored or parked the first time: nothing to do.
    if (await deps.store.messages.findBySource(m.source)) return null;
    if (await deps.store.parked.findBySource(m.source)) return null;
    return m.where === 'staff' ? await fromStaffThread(deps, conv, m) : await fromClient(deps, conv, m);
  } catch (e) {
    if (!isCqmsError(e)) throw e;
    const refusal = ephemeral(text(failureMessage(e, () => undefined).text, 'warning'));
    if (e instanceof ConversationClosed && conv.actor?.role === 'client') refusal.views.push(newQueryOffer());
    return refusal;
  }
}

/**
 * A support thread: linked staff only. Internal by default (nothing reaches the client by accident); public with
 * the configured prefix, and then the writer is told it went out.
 */
async function fromStaffThread(deps: DeskDeps, conv: Conversation, m: InboundMessage): Promise<Reply | null> {
  const thread = await deps.store.threads.find(m.source.platform, m.source.channelId, m.threadRootId);
  if (thread?.audience !== 'staff') return null;
  const actor = conv.actor;
  if (!actor) return ephemeral(text(signInText(conv), 'warning'));
  if (!isStaff(actor.role))
    return ephemeral(text('Only the support staff write in support threads; your message was not kept.', 'warning'));
  const asPublic = publicText(m.text, deps.config.publicReplyPrefix);
  const posted = await postMessage(deps, actor, {
    queryId: thread.queryId,
    text: asPublic ?? m.text,
    visibility: asPublic === null ? 'internal' : 'public',
    files: m.files,
    source: m.source,
  });
  return posted.created && asPublic !== null ? postedReply(posted, true) : null;
}

/** A client's direct message: its query by thread, by the message it replies to, or by their active queries. */
async function fromClient(deps: DeskDeps, conv: Conversation, m: InboundMessage): Promise<Reply | null> {
  const actor = conv.actor;
  if (!actor) return ephemeral(text(signInText(conv), 'warning'));
  if (actor.role !== 'client')
    return ephemeral(
      text(
        `Staff write in a query's support thread, or with ${commandHint(conv.surface, 'reply <id> <text>')}; this message was not kept.`,
        'warning',
      ),
    );
  const known = await queryOfPlace(deps, m);
  if (known !== null) return told(deps, actor, known, m, false);
  const active = await deps.store.queries.list(
    { clientId: actor.userId, status: ['Open', 'In Progress'] },
    { limit: PICK_CHOICES_MAX + 1, offset: 0 },
  );
  if (active.total === 1) return told(deps, actor, active.rows[0]!.id, m, true);
  if (active.total === 0)
    return ephemeral(
      text(
        `You have no open query to add this to: raise one with ${commandHint(conv.surface, 'new')}, or press the button.`,
        'info',
      ),
      newQueryOffer(),
    );
  const { parked } = await deps.store.parked.park({
    authorId: actor.userId,
    source: m.source,
    text: m.text,
    files: m.files.map((f) => ({ filename: f.filename, contentType: f.contentType, data: f.data })),
    createdAt: m.at,
  });
  const shown = active.rows.slice(0, PICK_CHOICES_MAX);
  const more =
    active.total > shown.length
      ? [text(`Not listed? Use ${commandHint(conv.surface, 'reply <id> <text>')} with the query's id.`, 'info')]
      : [];
  const card: CardView = {
    kind: 'card',
    title: 'Which query is this about?',
    body: shorten(m.text, 300).text,
    tone: 'info',
    fields: [],
    buttons: shown.map((q) => ({
      label: shorten(`#${q.id} ${q.heading}`, 60).text,
      actionId: encodeAction({ kind: 'pick', pendingId: parked.id, queryId: q.id }),
    })),
    footer: `You have ${active.total} open queries; press the one your message belongs to.`,
  };
  return ephemeral(card, ...more);
}

/** The query a client's place belongs to: the DM thread it was written in, or the relayed message it answers. */
async function queryOfPlace(deps: DeskDeps, m: InboundMessage): Promise<number | null> {
  const { platform, channelId } = m.source;
  const inThread = m.threadRootId ? await deps.store.threads.find(platform, channelId, m.threadRootId) : null;
  if (inThread?.audience === 'client') return inThread.queryId;
  if (!m.repliesTo) return null;
  const copy = await deps.store.copies.findByPlatformMessage(platform, channelId, m.repliesTo);
  if (copy) return copy.queryId;
  const root = await deps.store.threads.find(platform, channelId, m.repliesTo);
  return root?.audience === 'client' ? root.queryId : null;
}

/** Stores the client's message; a message routed by guess (their only active query) says where it went. */
async function told(
  deps: DeskDeps,
  actor: Actor,
  queryId: number,
  m: InboundMessage,
  guessed: boolean,
): Promise<Reply | null> {
  const posted = await postMessage(deps, actor, {
    queryId,
    text: m.text,
    visibility: 'public',
    files: m.files,
    source: m.source,
  });
  return posted.created && (guessed || posted.offerReopen) ? postedReply(posted, false) : null;
}

/** A client with nowhere to write: one press opens the new-query form. */
function newQueryOffer(): CardView {
  return {
    kind: 'card',
    title: 'Raise a new query',
    tone: 'info',
    fields: [],
    buttons: [{ label: 'Raise a query', actionId: encodeAction({ kind: 'form', form: 'new' }), style: 'primary' }],
  };
}
