import type { QueryRecord } from '../domain/query';
import type { StoreTx } from '../ports/store';
import type { AlertChannel, AlertNotice } from '../ports/notifier';
import type { FiredSlaAlert, SlaAlertLevel, SlaClock } from '../sla/sla-alert';

const CLOCK: Record<SlaClock, string> = { firstResponse: 'first response', resolution: 'resolution' };

/** Warnings go to the support channel; breaches to support and leads. */
export function alertChannels(level: SlaAlertLevel): AlertChannel[] {
  return level === 'breach' ? ['support', 'leads'] : ['support'];
}

export function slaAlertNotice(
  q: Pick<QueryRecord, 'id' | 'category'>,
  clock: SlaClock,
  level: SlaAlertLevel,
  assignee: { userId: number; name: string } | null,
): AlertNotice {
  const what =
    level === 'breach'
      ? `SLA breached: the ${CLOCK[clock]} target of query #${q.id}`
      : `SLA warning: the ${CLOCK[clock]} target of query #${q.id}`;
  const category = q.category ? ` (${q.category})` : '';
  const state = level === 'breach' ? 'has passed' : 'is close';
  return { queryId: q.id, text: `${what}${category} ${state}.`, mention: assignee };
}

/** runSlaSweep's onRecorded: queues the alert's notification in the transaction that records it. */
export async function queueSlaAlert(alert: FiredSlaAlert, tx: StoreTx): Promise<void> {
  const { queryId, clock, level } = alert;
  await tx.outbox.add(
    alertChannels(level).map((channel) => ({
      name: 'notify' as const,
      intent: { kind: 'slaAlert' as const, queryId, clock, level, channel },
    })),
    alert.firedAt,
  );
}
