import type { Store, StoreTx } from '../ports/store';
import type { FiredSlaAlert, SlaAlertLevel, SlaClock, SlaSweepBounds } from './sla-alert';
import { targetsFor, type SlaPolicy } from './sla-policy';
import { dueAlerts } from './sla-status';

export interface SlaSweepDeps {
  store: Pick<Store, 'queries' | 'slaAlerts' | 'transaction'>;
  config: { sla: SlaPolicy };
}

export interface SlaSweepOptions {
  /** Active queries read per round trip. */
  pageSize?: number;
  /** Alerts recorded at once. */
  concurrency?: number;
  /**
   * Runs in the transaction that records the alert (e.g. to write its notification to the outbox): when it
   * throws, the record is rolled back and a later sweep fires the alert again, so a recorded alert is never lost.
   */
  onRecorded?: (alert: FiredSlaAlert, tx: StoreTx) => Promise<void>;
}

/** Business time never exceeds wall time, so a level cannot be reached before its shortest target in wall time. */
export function sweepBounds(policy: SlaPolicy, now: Date): SlaSweepBounds {
  const all = [targetsFor(policy, ''), ...Object.keys(policy.categories).map((c) => targetsFor(policy, c))];
  const at = (ms: number) => new Date(now.getTime() - ms);
  const bound = (clock: SlaClock): Record<SlaAlertLevel, Date> => {
    const min = Math.min(...all.map((t) => (clock === 'firstResponse' ? t.firstResponseMs : t.resolutionMs)));
    return { warning: at(policy.warnAt * min), breach: at(min) };
  };
  return { firstResponse: bound('firstResponse'), resolution: bound('resolution') };
}

/**
 * One SLA sweep: reads the active queries that may have a level due, records each level reached (exactly once
 * per query, clock and level, whichever sweep or worker gets there first) and returns the alerts this sweep
 * recorded, for the caller to post.
 */
export async function runSlaSweep(deps: SlaSweepDeps, now: Date, opts: SlaSweepOptions = {}): Promise<FiredSlaAlert[]> {
  const pageSize = opts.pageSize ?? 1000;
  const concurrency = opts.concurrency ?? 8;
  const policy = deps.config.sla;
  const bounds = sweepBounds(policy, now);
  const fired: FiredSlaAlert[] = [];
  let afterId = 0;
  for (;;) {
    const rows = await deps.store.queries.activeForSla({ afterId, limit: pageSize }, bounds);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const due = dueAlerts(policy, rows, now);
    for (let i = 0; i < due.length; i += concurrency) {
      // Settle the whole batch before failing, so no record is still running when the sweep reports an error.
      const settled = await Promise.allSettled(
        due.slice(i, i + concurrency).map(async (a) => {
          const q = byId.get(a.queryId);
          const alert: FiredSlaAlert = {
            ...a,
            firedAt: now,
            category: q?.category ?? '',
            assigneeId: q?.assigneeId ?? null,
          };
          const { onRecorded } = opts;
          const recorded = onRecorded
            ? await deps.store.transaction(
                async (tx) => (await tx.slaAlerts.record(alert)) && (await onRecorded(alert, tx), true),
              )
            : await deps.store.slaAlerts.record(alert);
          if (recorded) fired.push(alert);
        }),
      );
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) break;
    afterId = last.id;
  }
  return fired;
}
