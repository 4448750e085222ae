import type { QueryRecord } from '../domain/query';
import { addBusinessMs, businessMsBetween } from './business-calendar';
import type { DueAlert, SlaAlertLevel, SlaCandidate, SlaClock } from './sla-alert';
import { targetsFor, type SlaPolicy } from './sla-policy';

export type { SlaClock } from './sla-alert';
export type SlaLevel = 'ok' | SlaAlertLevel;

export interface ClockState {
  clock: SlaClock;
  level: SlaLevel;
  /** Clock time used so far: working time when the policy has business hours. */
  elapsedMs: number;
  targetMs: number;
  dueAt: Date;
  /** Still counting (the query has not been claimed / closed yet). */
  running: boolean;
}

type ClockSubject = Pick<QueryRecord, 'category' | 'status' | 'createdAt' | 'firstResponseMs'> & {
  resolutionMs?: number | null;
} & Partial<Pick<QueryRecord, 'waitingSince' | 'waitedMs'>>;

function state(
  policy: SlaPolicy,
  clock: SlaClock,
  stoppedAt: Date,
  targetMs: number,
  startedAt: Date,
  running: boolean,
): ClockState {
  const cal = policy.businessHours;
  const elapsedMs = businessMsBetween(cal, startedAt, stoppedAt);
  const level: SlaLevel = elapsedMs >= targetMs ? 'breach' : elapsedMs >= policy.warnAt * targetMs ? 'warning' : 'ok';
  return { clock, level, elapsedMs, targetMs, dueAt: addBusinessMs(cal, startedAt, targetMs), running };
}

/**
 * Where the resolution clock counts from: the creation, moved on by the time waited on the client, so its
 * deadline comes that much later (the same shift the sweep's query applies).
 */
function resolutionStart(q: Pick<ClockSubject, 'createdAt' | 'waitedMs'>): Date {
  return new Date(q.createdAt.getTime() + (q.waitedMs ?? 0));
}

/** Both clocks of a query at `now`; they run in the policy's business hours, or on wall time without them. */
export function slaStatus(q: ClockSubject, policy: SlaPolicy, now: Date): ClockState[] {
  const t = targetsFor(policy, q.category);
  const created = q.createdAt.getTime();
  const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? now : new Date(created + ms));
  const fr = q.firstResponseMs;
  const frRunning = fr === null && q.status === 'Open';
  const out: ClockState[] = [];
  if (fr !== null || frRunning)
    out.push(state(policy, 'firstResponse', at(fr), t.firstResponseMs, q.createdAt, frRunning));
  // While staff wait on the client the resolution clock stands at the wait's start. A closed query's resolutionMs
  // already excludes the time waited, so it is measured from the creation.
  const waiting = q.status !== 'Closed' && q.waitingSince ? q.waitingSince : null;
  const resRunning = q.status !== 'Closed' && waiting === null;
  if (q.status === 'Closed')
    out.push(state(policy, 'resolution', at(q.resolutionMs), t.resolutionMs, q.createdAt, false));
  else out.push(state(policy, 'resolution', waiting ?? now, t.resolutionMs, resolutionStart(q), resRunning));
  return out;
}

/** The most urgent running clock, or null when none is at warning or breach. */
export function mostUrgent(states: readonly ClockState[]): ClockState | null {
  const live = states.filter((s) => s.running && s.level !== 'ok');
  live.sort((a, b) => (a.level === b.level ? a.dueAt.getTime() - b.dueAt.getTime() : a.level === 'breach' ? -1 : 1));
  return live[0] ?? null;
}

/** The clocks of an active query that are running, with their targets. */
function runningClocks(
  q: Pick<SlaCandidate, 'category' | 'status' | 'firstResponseMs' | 'createdAt' | 'waitingSince' | 'waitedMs'>,
  policy: SlaPolicy,
): { clock: SlaClock; targetMs: number; startedAt: Date }[] {
  if (q.status === 'Closed') return [];
  const t = targetsFor(policy, q.category);
  const out = [];
  if (q.status === 'Open' && q.firstResponseMs === null)
    out.push({ clock: 'firstResponse' as const, targetMs: t.firstResponseMs, startedAt: q.createdAt });
  if (!q.waitingSince)
    out.push({ clock: 'resolution' as const, targetMs: t.resolutionMs, startedAt: resolutionStart(q) });
  return out;
}

/**
 * Every level (warning, breach) reached by a running clock at `now`, with the moment it was reached.
 * A level already in a candidate's `recorded` list is left out.
 */
export function dueAlerts(
  policy: SlaPolicy,
  queries: readonly (Omit<SlaCandidate, 'recorded'> & Partial<Pick<SlaCandidate, 'recorded'>>)[],
  now: Date,
): DueAlert[] {
  const cal = policy.businessHours;
  const out: DueAlert[] = [];
  for (const q of queries) {
    for (const { clock, targetMs, startedAt } of runningClocks(q, policy)) {
      for (const [level, ms] of [
        ['warning', policy.warnAt * targetMs],
        ['breach', targetMs],
      ] as const) {
        if (q.recorded?.some((r) => r.clock === clock && r.level === level)) continue;
        const dueAt = addBusinessMs(cal, startedAt, ms);
        if (dueAt.getTime() <= now.getTime()) out.push({ queryId: q.id, clock, level, dueAt });
      }
    }
  }
  return out;
}
