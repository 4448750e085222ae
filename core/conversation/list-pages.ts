import type { ActionRef } from '../views/action-id';
import { ephemeral, type Reply } from '../views/view-model';
import type { HandlerContext } from './handler';
import { historyPage } from './handlers/client-handlers';
import { teamAgents } from './handlers/lead-handlers';
import { slaList } from './handlers/sla-handler';
import { decodeListFilter } from './list-filter-code';

type PageRef = Extract<ActionRef, { kind: 'page' }>;

/**
 * The page a Previous or Next button asks for, as a reply holding that list alone, so that each surface can put it
 * in place of the list the button sat on. Query lists run their command (`run`); the lists computed whole are
 * computed again, and each checks who may see it as its command does.
 */
export async function listPageReply(
  ctx: HandlerContext,
  a: PageRef,
  run: (command: string, args: Record<string, unknown>) => Promise<Reply>,
): Promise<Reply> {
  const f = decodeListFilter(a.filter, ctx.deps.config.categories);
  const page = a.page;
  switch (a.list) {
    case 'sla':
      return ephemeral((await slaList(ctx, { ...f, page })).view);
    case 'history':
      return ephemeral(await historyPage(ctx, { id: f.id, page }));
    case 'agents':
      return ephemeral((await teamAgents(ctx, { ...f, page })).agents);
    case 'all':
      return run('export', { ...f, page });
    default:
      return run(a.list, { ...f, page });
  }
}
