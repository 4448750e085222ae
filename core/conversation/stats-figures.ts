import type { ConversationStats, DurationStats, StatusCounts } from '../analytics/analytics-types';
import { durationText as h } from '../views/duration';
import type { CardField } from '../views/view-model';

export function statsFigures(t: StatusCounts, r: DurationStats): CardField[] {
  return [
    { label: 'Total', value: String(t.total), inline: true },
    { label: 'Open', value: String(t.open), inline: true },
    { label: 'In progress', value: String(t.inProgress), inline: true },
    { label: 'Closed', value: String(t.closed), inline: true },
    { label: 'Average resolution', value: h(r.avgHours), inline: true },
    { label: 'Median resolution', value: h(r.medianHours), inline: true },
    { label: 'p90 resolution', value: h(r.p90Hours), inline: true },
  ];
}

/** Messages per query as read in a figure or a cell: one decimal, '-' for no query. */
export function perQueryText(c: ConversationStats): string {
  return c.messagesPerQuery === null ? '-' : c.messagesPerQuery.toFixed(1);
}

/** The total time waited on clients, '-' when no query waited. */
export function waitedText(c: ConversationStats): string {
  return c.waiting.count === 0 ? '-' : h(c.waiting.totalHours);
}

/** The conversation's figures for a lead (team analytics, the digest). */
export function conversationFigures(c: ConversationStats): CardField[] {
  const w = c.waiting;
  return [
    { label: 'Median first reply', value: h(c.firstReply.medianHours), inline: true },
    {
      label: 'Messages per query',
      value: c.messagesPerQuery === null ? '-' : `${perQueryText(c)} (internal notes included)`,
      inline: true,
    },
    {
      label: 'Waiting on clients',
      value:
        w.count === 0
          ? 'none'
          : `${waitedText(c)} in all; median ${h(w.medianHours)} over ${w.count} ${w.count === 1 ? 'query' : 'queries'}`,
      inline: true,
    },
  ];
}
