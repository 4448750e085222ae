import { clientAnalytics } from '../../analytics/client-analytics';
import { clientCharts } from '../../charts/charts-for';
import { chartsOrJob } from '../../charts/charts-follow';
import { createQuery } from '../../queries/create-query';
import { getQuery, type QueryDetails } from '../../queries/get-query';
import type { Actor } from '../../domain/actor';
import { platformName } from '../../domain/platform';
import { isStaff } from '../../domain/roles';
import { authorNames } from '../../notifications/message-copy-views';
import { conversationCard } from '../../views/conversation-card';
import { reopenQuery } from '../../queries/reopen-query';
import { reviewQuery } from '../../queries/review-query';
import { encodeAction } from '../../views/action-id';
import { pagedList } from '../../views/list-page';
import { queryCard, wholeTextCards } from '../../views/query-card';
import { ephemeral, text, type CardView, type ListView } from '../../views/view-model';
import { actorOf, pick, type Args, type Handler, type HandlerContext } from '../handler';
import { encodeListFilter } from '../list-filter-code';
import { queryIdOf } from '../query-id';
import { statsFigures } from '../stats-figures';

export const raise: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const { query, screenshot } = await createQuery(
    ctx.deps,
    actor,
    pick(args, ['category', 'heading', 'description', 'mobile', 'screenshot']),
  );
  const card = queryCard(query, { client: actor.username }, { kind: 'viewer', role: actor.role, userId: actor.userId });
  const note = screenshot ? ` with screenshot ${screenshot.filename}` : '';
  return ephemeral(
    text(
      `Query #${query.id} raised${note}. You will hear from us ${ctx.conv.surface.updatesFor(actor.username)} when an agent picks it up.`,
      'success',
    ),
    card,
  );
};

/**
 * A query as its viewer may see it: the card with its rating and attachments, and the buttons left to press.
 * `whole`: the card of `show`, followed by the rest of a long text; elsewhere it is shortened and offers Show.
 */
function detailCard(d: QueryDetails, actor: Actor, whole: boolean): CardView {
  const card = queryCard(
    d.query,
    { client: d.client?.displayName ?? null, assignee: d.assignee?.displayName ?? null },
    { kind: 'viewer', role: actor.role, userId: actor.userId },
    { rated: d.review !== null, whole },
  );
  if (d.review)
    card.fields.push({
      label: 'Rating',
      value: `${'★'.repeat(d.review.rating)} (${d.review.rating}/5)${d.review.comment ? ` "${d.review.comment}"` : ''}`,
    });
  if (d.attachments.length)
    card.fields.push({
      label: 'Attachments',
      value: d.attachments.map((a) => `${a.filename} (${a.contentType}, ${a.size} bytes)`).join(', '),
    });
  return card;
}

/** A query whole: its card, the rest of a long description or note, its conversation, and its history (paged). */
export const show: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const d = await getQuery(ctx.deps, actor, queryIdOf(args.id));
  const card = detailCard(d, actor, true);
  const messages = await ctx.deps.store.messages.forQuery(d.query.id, { includeInternal: isStaff(actor.role) });
  const talk = conversationCard(
    d.query,
    messages,
    await authorNames(ctx.deps.store, messages),
    `${ctx.conv.surface.prefix}transcript ${d.query.id}`,
  );
  return ephemeral(card, ...wholeTextCards(d.query), ...(talk ? [talk] : []), historyList(d, args.page, actor));
};

/** One page of a query's history, for `show` and its paging buttons. */
export async function historyPage(ctx: HandlerContext, args: Args): Promise<ListView> {
  const actor = actorOf(ctx);
  return historyList(await getQuery(ctx.deps, actor, queryIdOf(args.id)), args.page, actor);
}

/** The client's history leaves out that internal notes were written: the staff's alone. */
function historyList(d: QueryDetails, page: unknown, viewer: Actor): ListView {
  const events = isStaff(viewer.role) ? d.events : d.events.filter((e) => e.detail?.visibility !== 'internal');
  return pagedList(
    `History of #${d.query.id}`,
    [
      ['at', 'When (UTC)'],
      ['what', 'What'],
      ['via', 'Via'],
    ],
    events.map((e) => ({
      cells: {
        at: e.createdAt.toISOString().replace('T', ' ').slice(0, 16),
        what: e.type,
        via: platformName(e.platform),
      },
    })),
    'No history recorded.',
    page,
    (p) =>
      encodeAction({ kind: 'page', list: 'history', page: p, filter: encodeListFilter({ id: `#${d.query.id}` }, []) }),
  );
}

export const reopen: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const q = await reopenQuery(ctx.deps, actor, queryIdOf(args.id));
  return ephemeral(
    text(`Query #${q.id} is open again; an agent will pick it up.`, 'info'),
    queryCard(q, { client: actor.username }, { kind: 'viewer', role: actor.role, userId: actor.userId }),
  );
};

/** The answer shows the query as rated (no rating buttons left), so it can stand in for the message that asked. */
export const rate: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const r = await reviewQuery(ctx.deps, actor, { queryId: args.id, rating: args.rating, comment: args.comment });
  const d = await getQuery(ctx.deps, actor, r.queryId);
  return ephemeral(
    text(`Thank you: you rated query #${r.queryId} ${'★'.repeat(r.rating)} (${r.rating}/5).`, 'success'),
    detailCard(d, actor, false),
  );
};

export const stats: Handler = async (ctx, args) => {
  const a = await clientAnalytics(ctx.deps, actorOf(ctx), pick(args, ['from', 'to', 'category', 'bucket']));
  return ephemeral(
    { kind: 'stats', title: 'Your queries', figures: statsFigures(a.totals, a.resolution) },
    ...(await chartsOrJob(ctx.deps, ctx.conv.place, clientCharts(a))),
  );
};
