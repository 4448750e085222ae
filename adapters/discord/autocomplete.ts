import type { Conversation } from '../../core/conversation/conversation';
import type { DeskDeps } from '../../core/desk/desk-deps';
import type { QueryRecord } from '../../core/domain/query';
import { listQueries, type ListScope } from '../../core/queries/list-queries';
import { CHOICE_VALUE_MAX } from './command-registration';
import { truncate } from './discord-text';

export interface Choice {
  name: string;
  value: string | number;
}

/** Discord shows at most 25 suggestions. */
const MAX_CHOICES = 25;

/** The lists a query id is picked from: a client's own queries; an agent's work in progress, then the open queue. */
const SCOPES: Record<'client' | 'staff', ListScope[]> = { client: ['mine'], staff: ['working', 'queue'] };

/** Query ids the caller may act on, matching what they typed so far ("4", "#42"). */
async function queryChoices(deps: DeskDeps, conv: Conversation, typed: string): Promise<Choice[]> {
  const actor = conv.actor;
  if (!actor) return [];
  const digits = typed.replace(/[^0-9]/g, '');
  const seen = new Set<number>();
  const rows: QueryRecord[] = [];
  for (const scope of SCOPES[actor.role === 'client' ? 'client' : 'staff']) {
    const list = await listQueries(deps, actor, scope, { pageSize: 100 });
    for (const q of list.rows) {
      if (seen.has(q.id) || !String(q.id).startsWith(digits)) continue;
      seen.add(q.id);
      rows.push(q);
    }
  }
  return rows
    .slice(0, MAX_CHOICES)
    .map((q) => ({ name: truncate(`#${q.id} · ${q.status} · ${q.heading}`, 100), value: q.id }));
}

function categoryChoices(categories: readonly string[], typed: string): Choice[] {
  const t = typed.trim().toLowerCase();
  return categories
    .filter((c) => c.length <= CHOICE_VALUE_MAX && c.toLowerCase().includes(t))
    .slice(0, MAX_CHOICES)
    .map((c) => ({ name: truncate(c, 100), value: c }));
}

/** Suggestions for the option being typed; none for options that have no suggestions. */
export async function autocompleteChoices(
  deps: DeskDeps,
  conv: Conversation,
  focused: { name: string; value: string },
): Promise<Choice[]> {
  if (focused.name === 'id') return queryChoices(deps, conv, focused.value);
  if (focused.name === 'category') return categoryChoices(deps.config.categories, focused.value);
  return [];
}
