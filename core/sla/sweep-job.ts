import type { DeskDeps } from '../desk/desk-deps';
import { queueSlaAlert } from '../notifications/sla-alert-notice';
import type { Job } from '../ports/job-queue';
import { runSlaSweep } from './run-sweep';
import type { FiredSlaAlert } from './sla-alert';

/** The sweep job, on every queue: its id keeps one schedule however many workers start. */
export const SLA_SWEEP_JOB: Job = { name: 'slaSweep' };
export const SLA_SWEEP_SCHEDULER_ID = 'cqms-sla-sweep';
export const SLA_SWEEP_EVERY_MS = 60_000;
/**
 * Idempotency keys (a double-submitted modal, a Discord interaction, a platform's delivered alert) only guard
 * against repeats within minutes to hours: the sweep deletes those older than a day.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

/**
 * Sweeps at the clock's now, queueing each new alert's notification with its record, then nudges the relay;
 * then prunes old idempotency keys (the sweep is the one job that runs every minute on every desk).
 */
export async function sweepSla(deps: DeskDeps): Promise<FiredSlaAlert[]> {
  const now = deps.clock.now();
  const fired = await runSlaSweep(deps, now, { onRecorded: queueSlaAlert });
  if (fired.length) deps.relay?.nudge();
  await deps.store.idempotency.prune(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
  return fired;
}
