import { authorize } from '../../authz/policy';
import type { SlaClock } from '../../sla/sla-alert';
import { mostUrgent, slaStatus } from '../../sla/sla-status';
import { encodeAction } from '../../views/action-id';
import { pagedList } from '../../views/list-page';
import { ephemeral, text, type ListView, type View } from '../../views/view-model';
import { actorOf, type Args, type Handler, type HandlerContext } from '../handler';
import { encodeListFilter } from '../list-filter-code';
import { alertedText } from './lead-handlers';

/** How many active queries the sla command inspects, oldest first (the likeliest to breach). */
const SLA_SCAN = 1000;

/** One page of the queries past or near their SLA, most urgent first; its buttons carry the category. */
export async function slaList(
  ctx: HandlerContext,
  args: Args,
): Promise<{ view: ListView; total: number; category?: string }> {
  authorize(actorOf(ctx), 'sla.view');
  const now = ctx.deps.clock.now();
  const category = typeof args.category === 'string' && args.category ? args.category : undefined;
  const filter = { status: ['Open', 'In Progress'] as ('Open' | 'In Progress')[], ...(category ? { category } : {}) };
  const { rows, total } = await ctx.deps.store.queries.list(filter, { limit: SLA_SCAN, offset: 0 });
  const urgent = rows
    .map((q) => ({ q, s: mostUrgent(slaStatus(q, ctx.deps.config.sla, now)) }))
    .filter((x): x is { q: (typeof rows)[number]; s: NonNullable<ReturnType<typeof mostUrgent>> } => x.s !== null)
    .sort((a, b) =>
      a.s.level === b.s.level ? a.s.dueAt.getTime() - b.s.dueAt.getTime() : a.s.level === 'breach' ? -1 : 1,
    );
  const code = encodeListFilter(category ? { category } : {}, ctx.deps.config.categories);
  const view = pagedList(
    `SLA: ${urgent.filter((u) => u.s.level === 'breach').length} breached, ${urgent.filter((u) => u.s.level === 'warning').length} at warning`,
    [
      ['id', 'ID'],
      ['level', 'Level'],
      ['clock', 'Clock'],
      ['due', 'Due (UTC)'],
      ['status', 'Status'],
      ['category', 'Category'],
    ],
    urgent.map(({ q, s }) => ({
      queryId: q.id,
      tone: s.level === 'breach' ? 'danger' : 'warning',
      cells: {
        id: `#${q.id}`,
        level: s.level,
        clock: s.clock === 'firstResponse' ? 'first response' : 'resolution',
        due: s.dueAt.toISOString().replace('T', ' ').slice(0, 16),
        status: q.status,
        category: q.category,
      },
    })),
    'No active query is near or past its SLA.',
    args.page,
    (page) => encodeAction({ kind: 'page', list: 'sla', page, filter: code }),
  );
  return { view, total, ...(category ? { category } : {}) };
}

export const sla: Handler = async (ctx, args) => {
  const { view, total, category } = await slaList(ctx, args);
  const recorded = await ctx.deps.store.slaAlerts.countByCategory({
    level: 'breach',
    ...(category ? { category } : {}),
  });
  const alerted = (clock: SlaClock) => recorded.reduce((n, r) => n + (r.clock === clock ? r.count : 0), 0);
  const figures = [
    {
      label: 'Breaches alerted (all time)',
      value: alertedText({
        firstResponseBreaches: alerted('firstResponse'),
        resolutionBreaches: alerted('resolution'),
      }),
      inline: true,
    },
    ...(recorded.length > 0 ? [{ label: 'By category', value: byCategoryText(recorded), inline: false }] : []),
  ];
  const views: View[] = [view, { kind: 'stats', title: 'Recorded SLA breaches', figures }];
  return total > SLA_SCAN
    ? ephemeral(...views, text(`Showing the oldest ${SLA_SCAN} of ${total} active queries.`, 'warning'))
    : ephemeral(...views);
};

function byCategoryText(rows: readonly { category: string; count: number }[]): string {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.category, (by.get(r.category) ?? 0) + r.count);
  return [...by.entries()].map(([c, n]) => `${c}: ${n}`).join(', ');
}
