import type { TeamAnalytics } from '../analytics/analytics-types';
import { NO_CONVERSATION } from '../analytics/conversation-stats';
import type { StatsView, ListView } from '../views/view-model';
import { digestRange } from './digest-period';
import { digestReport, TOP_CATEGORIES } from './digest-report';

const none = { count: 0, avgHours: null, medianHours: null, p90Hours: null };
const cat = (category: string, total: number, closed: number, fr = 0, res = 0) => ({
  category,
  total,
  open: total - closed,
  inProgress: 0,
  closed,
  firstResponseBreaches: fr,
  resolutionBreaches: res,
});

const analytics: TeamAnalytics = {
  range: {
    from: null,
    to: null,
    category: null,
    bucket: 'day',
    generatedAt: new Date('2026-03-09T09:00:00Z'),
    agentId: null,
  },
  totals: { total: 21, open: 5, inProgress: 4, closed: 12 },
  resolution: { count: 12, avgHours: 10, medianHours: 7.25, p90Hours: 30 },
  firstResponse: none,
  conversation: {
    firstReply: { count: 10, avgHours: 1, medianHours: 0.5, p90Hours: 2 },
    messages: 63,
    messagesPerQuery: 3,
    waiting: { count: 4, avgHours: 3, medianHours: 2.5, p90Hours: 6, totalHours: 12 },
  },
  agents: [],
  categories: [
    cat('Billing', 2, 1),
    cat('Network', 6, 4, 2, 1),
    cat('Bug Report', 6, 3),
    cat('Login', 3, 2),
    cat('Refund', 1, 1),
    cat('Other', 3, 1, 0, 1),
  ],
  sla: {
    firstResponseBreaches: 2,
    resolutionBreaches: 2,
    recorded: { firstResponseBreaches: 2, resolutionBreaches: 1 },
    targets: { firstResponseHours: 4, resolutionHours: 72, overrides: {} },
  },
  trend: [{ period: '2026-03-08', opened: 21, closed: 12, avgResolutionHours: 10 }],
};

describe('the leads digest', () => {
  const range = digestRange('weekly', new Date('2026-03-09T09:00:00.250Z'));

  it('covers the period ending now, keyed by its end minute', () => {
    expect(range.from.toISOString()).toBe('2026-03-02T09:00:00.250Z');
    expect(range.to.toISOString()).toBe('2026-03-09T09:00:00.250Z');
    expect(range.key).toBe('digest:weekly:2026-03-09T09:00:00.000Z');
    expect(digestRange('daily', new Date('2026-03-09T09:00:59.900Z')).key).toBe(
      'digest:daily:2026-03-09T09:00:00.000Z',
    );
    expect(digestRange('daily', new Date('2026-03-09T09:00:00Z')).from.toISOString()).toBe('2026-03-08T09:00:00.000Z');
  });

  it('says volume, median resolution, breaches and the conversation (first reply, messages, waits), and names the top categories by volume', () => {
    const { reply, charts } = digestReport('weekly', range, analytics);
    expect(reply.visibility).toBe('public');
    const stats = reply.views[0] as StatsView;
    expect(stats.title).toBe('Weekly digest: 2026-03-02 09:00 to 2026-03-09 09:00 UTC');
    expect(Object.fromEntries(stats.figures.map((f) => [f.label, f.value]))).toEqual({
      Raised: '21',
      Closed: '12',
      'Still open': '9',
      'Median resolution': '7.3 h',
      'SLA breaches': '4 (2 first response, 2 resolution)',
      'Median first reply': '30 min',
      'Messages per query': '3.0 (internal notes included)',
      'Waiting on clients': '12.0 h in all; median 2.5 h over 4 queries',
    });
    const top = reply.views[1] as ListView;
    expect(top.rows.map((r) => r.cells.category)).toEqual(['Bug Report', 'Network', 'Login', 'Other', 'Billing']);
    expect(top.rows).toHaveLength(TOP_CATEGORIES);
    expect(top.rows[1]!.cells).toEqual({ category: 'Network', raised: '6', closed: '4', breaches: '3' });
    // A chart for each: volume by status, top categories, resolution over the period, breaches.
    expect(charts.map((c) => c.id)).toEqual([
      'status-split',
      'volume-by-category',
      'resolution-trend',
      'sla-breaches-by-category',
    ]);
    expect(charts[1]!.config.data.labels).toEqual(['Bug Report', 'Network', 'Login', 'Other', 'Billing']);
  });

  it('still posts a digest for a quiet period, saying so', () => {
    const quiet = {
      ...analytics,
      totals: { total: 0, open: 0, inProgress: 0, closed: 0 },
      resolution: none,
      conversation: NO_CONVERSATION,
      categories: [],
      trend: [],
    };
    const { reply, charts } = digestReport('daily', digestRange('daily', new Date('2026-03-09T09:00:00Z')), quiet);
    expect((reply.views[0] as StatsView).figures.find((f) => f.label === 'Median resolution')?.value).toBe('-');
    const figures = Object.fromEntries((reply.views[0] as StatsView).figures.map((f) => [f.label, f.value]));
    expect(figures).toMatchObject({
      'Median first reply': '-',
      'Messages per query': '-',
      'Waiting on clients': 'none',
    });
    expect((reply.views[1] as ListView).empty).toBe('No query was raised in this period.');
    expect(charts).toHaveLength(4);
    expect(charts.every((c) => c.title.endsWith('(no data)'))).toBe(true);
  });
});
