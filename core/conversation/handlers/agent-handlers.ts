import { claimQuery } from '../../queries/claim-query';
import { closeQuery } from '../../queries/close-query';
import { releaseQuery } from '../../queries/release-query';
import type { QueryRecord } from '../../domain/query';
import type { Actor } from '../../domain/actor';
import type { DeskDeps } from '../../desk/desk-deps';
import { queryCard } from '../../views/query-card';
import { ephemeral, text } from '../../views/view-model';
import { actorOf, type Handler } from '../handler';
import { queryIdOf } from '../query-id';

async function cardFor(deps: DeskDeps, q: QueryRecord, actor: Actor) {
  const users = new Map(
    (await deps.store.users.findByIds([q.clientId, ...(q.assigneeId ? [q.assigneeId] : [])])).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  return queryCard(
    q,
    { client: users.get(q.clientId) ?? null, assignee: q.assigneeId ? (users.get(q.assigneeId) ?? null) : null },
    { kind: 'viewer', role: actor.role, userId: actor.userId },
  );
}

export const claim: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const q = await claimQuery(ctx.deps, actor, queryIdOf(args.id));
  return ephemeral(
    text(`You claimed query #${q.id}. The client will be told.`, 'success'),
    await cardFor(ctx.deps, q, actor),
  );
};

export const release: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const q = await releaseQuery(ctx.deps, actor, queryIdOf(args.id));
  return ephemeral(text(`Query #${q.id} is back in the open queue.`, 'info'), await cardFor(ctx.deps, q, actor));
};

export const close: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  const q = await closeQuery(ctx.deps, actor, { queryId: queryIdOf(args.id), note: args.note });
  return ephemeral(
    text(`Query #${q.id} closed. The client will be asked to rate it.`, 'success'),
    await cardFor(ctx.deps, q, actor),
  );
};
