import type { DeskDeps } from '../desk/desk-deps';
import { queueSlaAlert } from '../notifications/sla-alert-notice';
import type { Job } from '../ports/job-queue';
import { runSlaSweep } from './run-sweep';
import type { FiredSlaAlert } from './sla-alert';

/** The sweep job, on every queue: its id keeps one schedule however many workers start. */
export const SLA_SWEEP_JOB: Job = { name: 'slaSweep' };
export const SLA_SWEEP_SCHEDULER_ID = 'cqms-sla-sweep';
export const SLA_SWEEP_EVERY_MS = 60_000;

/** Sweeps at the clock's now, queueing each new alert's notification with its record, then nudges the relay. */
export async function sweepSla(deps: DeskDeps): Promise<FiredSlaAlert[]> {
  const fired = await runSlaSweep(deps, deps.clock.now(), { onRecorded: queueSlaAlert });
  if (fired.length) deps.relay?.nudge();
  return fired;
}
