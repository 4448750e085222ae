import { z } from 'zod';

/**
 * Button and paging ids, encoded in one place. Discord's custom_id and Slack's action_id allow at
 * most 100 and 255 characters; ids stay under 100 so one encoding serves both.
 */
export const MAX_ACTION_ID = 100;
const PREFIX = 'cqms';

const queryAction = z.object({
  kind: z.enum(['claim', 'release', 'close', 'reopen', 'show', 'reply', 'waiting']),
  queryId: z.number().int().positive(),
});
const rateAction = z.object({
  kind: z.literal('rate'),
  queryId: z.number().int().positive(),
  rating: z.number().int().min(1).max(5),
});
const pageAction = z.object({
  kind: z.literal('page'),
  /** The query lists, and those computed whole: `sla`, a query's `history`, the team's `agents`. */
  list: z.enum(['mine', 'queue', 'working', 'closed', 'all', 'sla', 'history', 'agents']),
  page: z.number().int().min(1),
  /** Compact filter: the list's own filter string (status, category index, dates). */
  filter: z
    .string()
    .max(60)
    .regex(/^[A-Za-z0-9=;:_.-]*$/),
});

/** Files a client's parked direct message (one written outside any query's thread) under the query they chose. */
const pickAction = z.object({
  kind: z.literal('pick'),
  pendingId: z.number().int().positive(),
  queryId: z.number().int().positive(),
});

/** Opens a command's form (the App Home's Raise a query, Create your account, Sign in). */
const formAction = z.object({ kind: z.literal('form'), form: z.enum(['new', 'register', 'login']) });

export const actionSchema = z.discriminatedUnion('kind', [queryAction, rateAction, pageAction, formAction, pickAction]);
export type ActionRef = z.infer<typeof actionSchema>;
export type ActionKind = ActionRef['kind'];

/** Presses that change nothing stored (a page, a query shown, a form opened): nothing to refresh after them. */
const READ_ONLY_ACTIONS: ReadonlySet<string> = new Set<ActionKind>(['page', 'show', 'form']);
/** Presses answered with a form: surfaces open it within the press's short-lived trigger. */
const FORM_ACTIONS: ReadonlySet<string> = new Set<ActionKind>(['close', 'form', 'reply']);

export function isReadOnlyAction(kind: string | undefined): boolean {
  return kind !== undefined && READ_ONLY_ACTIONS.has(kind);
}

export function actionOpensForm(kind: string | undefined): boolean {
  return kind !== undefined && FORM_ACTIONS.has(kind);
}

export function encodeAction(a: ActionRef): string {
  const parts =
    a.kind === 'page'
      ? [PREFIX, a.kind, a.list, a.page, a.filter]
      : a.kind === 'rate'
        ? [PREFIX, a.kind, a.queryId, a.rating]
        : a.kind === 'pick'
          ? [PREFIX, a.kind, a.pendingId, a.queryId]
          : a.kind === 'form'
            ? [PREFIX, a.kind, a.form]
            : [PREFIX, a.kind, a.queryId];
  const id = parts.join('|');
  if (id.length > MAX_ACTION_ID) throw new Error(`action id too long (${id.length}): ${id}`);
  return id;
}

/** Returns null for anything that is not one of ours: crafted or foreign ids are refused, never guessed at. */
export function decodeAction(id: string): ActionRef | null {
  if (typeof id !== 'string' || id.length > MAX_ACTION_ID) return null;
  const [prefix, kind, a, b, c] = id.split('|');
  if (prefix !== PREFIX || !kind) return null;
  const int = (s: string | undefined) => (s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : NaN);
  const candidate =
    kind === 'page'
      ? { kind, list: a, page: int(b), filter: c ?? '' }
      : kind === 'rate'
        ? { kind, queryId: int(a), rating: int(b) }
        : kind === 'pick'
          ? { kind, pendingId: int(a), queryId: int(b) }
          : kind === 'form'
            ? { kind, form: a }
            : { kind, queryId: int(a) };
  const parsed = actionSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
