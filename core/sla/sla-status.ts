import type { QueryRecord } from '../domain/query';
import { targetsFor, type SlaPolicy } from './sla-policy';

export type SlaClock = 'firstResponse' | 'resolution';
export type SlaLevel = 'ok' | 'warning' | 'breach';

export interface ClockState {
  clock: SlaClock;
  level: SlaLevel;
  elapsedMs: number;
  targetMs: number;
  dueAt: Date;
  /** Still counting (the query has not been claimed / closed yet). */
  running: boolean;
}

function state(clock: SlaClock, elapsedMs: number, targetMs: number, warnAt: number, createdAt: Date, running: boolean): ClockState {
  const level: SlaLevel = elapsedMs > targetMs ? 'breach' : elapsedMs >= warnAt * targetMs ? 'warning' : 'ok';
  return { clock, level, elapsedMs, targetMs, dueAt: new Date(createdAt.getTime() + targetMs), running };
}

/** Both clocks of a query at `now`, on wall-clock time (business hours come with the worker's calendar). */
export function slaStatus(q: QueryRecord, policy: SlaPolicy, now: Date): ClockState[] {
  const t = targetsFor(policy, q.category);
  const age = now.getTime() - q.createdAt.getTime();
  const fr = q.firstResponseMs;
  const frRunning = fr === null && q.status === 'Open';
  const out = [];
  if (fr !== null || frRunning) out.push(state('firstResponse', fr ?? age, t.firstResponseMs, policy.warnAt, q.createdAt, frRunning));
  const resRunning = q.status !== 'Closed';
  out.push(state('resolution', resRunning ? age : (q.resolutionMs ?? age), t.resolutionMs, policy.warnAt, q.createdAt, resRunning));
  return out;
}

/** The most urgent running clock, or null when none is at warning or breach. */
export function mostUrgent(states: readonly ClockState[]): ClockState | null {
  const live = states.filter((s) => s.running && s.level !== 'ok');
  live.sort((a, b) => (a.level === b.level ? a.dueAt.getTime() - b.dueAt.getTime() : a.level === 'breach' ? -1 : 1));
  return live[0] ?? null;
}
