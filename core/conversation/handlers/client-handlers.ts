import { clientAnalytics } from '../../analytics/client-analytics';
import { clientCharts } from '../../charts/charts-for';
import { chartsOrJob } from '../../charts/charts-follow';
import { createQuery } from '../../queries/create-query';
import { getQuery, type QueryDetails } from '../../queries/get-query';
import type { Actor } from '../../domain/actor';
import { reopenQuery } from '../../queries/reopen-query';
import { reviewQuery } from '../../queries/review-query';
import { queryCard } from '../../views/query-card';
import { platformName } from '../../domain/platform';
import { ephemeral, singlePageList, text, type CardView } from '../../views/view-model';
import { actorOf, pick, type Handler } from '../handler';
import { queryIdOf } from '../query-id';
import { statsFigures } from '../stats-figures';

export const raise: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const { query, screenshot } = await createQuery(ctx.deps, actor, pick(args, ['category', 'heading', 'description', 'mobile', 'screenshot']));
  const card = queryCard(query, { client: actor.username }, { kind: 'viewer', role: actor.role, userId: actor.userId });
  const note = screenshot ? ` with screenshot ${screenshot.filename}` : '';
  return ephemeral(text(`Query #${query.id} raised${note}. You will hear from us ${ctx.conv.surface.updatesFor(actor.username)} when an agent picks it up.`, 'success'), card);
};

/** A query as its viewer may see it: the card with its rating and attachments, and the buttons left to press. */
function detailCard(d: QueryDetails, actor: Actor): CardView {
  const card = queryCard(
    d.query,
    { client: d.client?.displayName ?? null, assignee: d.assignee?.displayName ?? null },
    { kind: 'viewer', role: actor.role, userId: actor.userId },
    { rated: d.review !== null },
  );
  if (d.review) card.fields.push({ label: 'Rating', value: `${'★'.repeat(d.review.rating)} (${d.review.rating}/5)${d.review.comment ? ` "${d.review.comment}"` : ''}` });
  if (d.attachments.length) card.fields.push({ label: 'Attachments', value: d.attachments.map((a) => `${a.filename} (${a.contentType}, ${a.size} bytes)`).join(', ') });
  return card;
}

export const show: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const d = await getQuery(ctx.deps, actor, queryIdOf(args.id));
  const card = detailCard(d, actor);
  const history = singlePageList(
    `History of #${d.query.id}`,
    [
      ['at', 'When (UTC)'],
      ['what', 'What'],
      ['via', 'Via'],
    ],
    d.events.map((e) => ({ cells: { at: e.createdAt.toISOString().replace('T', ' ').slice(0, 16), what: e.type, via: platformName(e.platform) } })),
    'No history recorded.',
  );
  return ephemeral(card, history);
};

export const reopen: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const q = await reopenQuery(ctx.deps, actor, queryIdOf(args.id));
  return ephemeral(text(`Query #${q.id} is open again; an agent will pick it up.`, 'info'), queryCard(q, { client: actor.username }, { kind: 'viewer', role: actor.role, userId: actor.userId }));
};

/** The answer shows the query as rated (no rating buttons left), so it can stand in for the message that asked. */
export const rate: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const r = await reviewQuery(ctx.deps, actor, { queryId: args.id, rating: args.rating, comment: args.comment });
  const d = await getQuery(ctx.deps, actor, r.queryId);
  return ephemeral(text(`Thank you: you rated query #${r.queryId} ${'★'.repeat(r.rating)} (${r.rating}/5).`, 'success'), detailCard(d, actor));
};

export const stats: Handler = async (ctx, args) => {
  const a = await clientAnalytics(ctx.deps, actorOf(ctx), pick(args, ['from', 'to', 'category', 'bucket']));
  return ephemeral({ kind: 'stats', title: 'Your queries', figures: statsFigures(a.totals, a.resolution) }, ...(await chartsOrJob(ctx.deps, ctx.conv.place, clientCharts(a))));
};
