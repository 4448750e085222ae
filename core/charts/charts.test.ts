import type { AgentStats, ClientAnalytics, TeamAnalytics } from '../analytics/analytics-types';
import { NO_CONVERSATION } from '../analytics/conversation-stats';
import { agentMedianResolutionChart } from './agent-resolution';
import { agentWorkloadChart } from './agent-workload';
import { clientCharts, teamCharts } from './charts-for';
import { STATUS_COLOURS } from './palette';
import { resolutionTrendChart } from './resolution-trend';
import { slaBreachesChart } from './sla-breaches';
import { statusSplitChart } from './status-split';
import { volumeByCategoryChart } from './volume-by-category';

const none = { count: 0, avgHours: null, medianHours: null, p90Hours: null };
const agent = (
  agentId: number,
  name: string,
  handled: number,
  inProgress: number,
  closed: number,
  medianHours: number | null,
): AgentStats => ({
  agentId,
  name,
  handled,
  inProgress,
  closed,
  resolution:
    medianHours === null ? none : { count: closed, avgHours: medianHours, medianHours, p90Hours: medianHours },
  firstResponseBreaches: 0,
  resolutionBreaches: 0,
  recordedBreaches: 0,
  conversation: NO_CONVERSATION,
});

const range = {
  from: null,
  to: null,
  category: null,
  bucket: 'week' as const,
  generatedAt: new Date('2025-03-20T00:00:00Z'),
};
const client: ClientAnalytics = {
  range,
  totals: { total: 8, open: 2, inProgress: 2, closed: 4 },
  resolution: { count: 4, avgHours: 12.5, medianHours: 10, p90Hours: 30 },
  categories: [
    {
      category: 'Billing',
      total: 5,
      open: 2,
      inProgress: 1,
      closed: 2,
      firstResponseBreaches: 1,
      resolutionBreaches: 0,
    },
    {
      category: 'Network',
      total: 3,
      open: 0,
      inProgress: 1,
      closed: 2,
      firstResponseBreaches: 0,
      resolutionBreaches: 2,
    },
  ],
  trend: [
    { period: '2025-03-03', opened: 5, closed: 1, avgResolutionHours: 4.25 },
    { period: '2025-03-10', opened: 3, closed: 0, avgResolutionHours: null },
    { period: '2025-03-17', opened: 0, closed: 3, avgResolutionHours: 30.04 },
  ],
};
const team: TeamAnalytics = {
  ...client,
  range: { ...range, agentId: null },
  firstResponse: none,
  conversation: NO_CONVERSATION,
  agents: [agent(1, 'Alice', 4, 1, 3, 8.333), agent(2, 'Bob', 2, 1, 1, 12)],
  sla: {
    firstResponseBreaches: 1,
    resolutionBreaches: 2,
    recorded: { firstResponseBreaches: 1, resolutionBreaches: 2 },
    targets: { firstResponseHours: 4, resolutionHours: 48, overrides: {} },
  },
};
const empty: TeamAnalytics = {
  ...team,
  totals: { total: 0, open: 0, inProgress: 0, closed: 0 },
  categories: [],
  trend: [],
  agents: [],
};

describe('chart builders', () => {
  it('volume by category: a stacked bar per category, one dataset per status in the status colours', () => {
    const s = volumeByCategoryChart(client);
    expect(s).toMatchObject({
      kind: 'chart',
      id: 'volume-by-category',
      title: 'Queries by category',
      width: 800,
      height: 400,
    });
    expect(s.config.type).toBe('bar');
    expect(s.config.data.labels).toEqual(['Billing', 'Network']);
    expect(s.config.data.datasets.map((d) => [d.label, d.data, d.backgroundColor])).toEqual([
      ['Open', [2, 0], STATUS_COLOURS.Open],
      ['In Progress', [1, 1], STATUS_COLOURS['In Progress']],
      ['Closed', [2, 2], STATUS_COLOURS.Closed],
    ]);
    expect(s.altText).toBe(
      'Queries by category: Billing 5 (2 open, 1 in progress, 2 closed); Network 3 (0 open, 1 in progress, 2 closed).',
    );
  });

  it('open vs closed: a doughnut of the totals by status', () => {
    const s = statusSplitChart(client);
    expect(s.id).toBe('status-split');
    expect(s.config.type).toBe('doughnut');
    expect(s.config.data.labels).toEqual(['Open', 'In Progress', 'Closed']);
    expect(s.config.data.datasets).toEqual([
      {
        label: 'Queries',
        data: [2, 2, 4],
        backgroundColor: [STATUS_COLOURS.Open, STATUS_COLOURS['In Progress'], STATUS_COLOURS.Closed],
      },
    ]);
    expect(s.altText).toBe('Open vs closed: 8 queries, 2 open, 2 in progress, 4 closed.');
  });

  it('resolution trend: hours per period on one axis, opened and closed on the other; no closures is a gap', () => {
    const s = resolutionTrendChart(client);
    expect(s.id).toBe('resolution-trend');
    expect(s.config.type).toBe('line');
    expect(s.config.data.labels).toEqual(['2025-03-03', '2025-03-10', '2025-03-17']);
    expect(s.config.data.datasets.map((d) => [d.label, d.data, d.yAxisID])).toEqual([
      ['Avg resolution (h)', [4.3, null, 30], 'duration'],
      ['Opened', [5, 3, 0], 'count'],
      ['Closed', [1, 0, 3], 'count'],
    ]);
    expect(s.altText).toBe(
      'Resolution time trend: 2025-03-03 opened 5, closed 1, avg resolution 4.3 h; 2025-03-10 opened 3, closed 0, avg resolution n/a; ' +
        '2025-03-17 opened 0, closed 3, avg resolution 30.0 h.',
    );
    expect(s.config.options?.scales).toMatchObject({ duration: { title: { text: 'hours' } } });
  });

  it('resolution trend reads in minutes when every average is under 2 hours, in days when one is 2 days or more', () => {
    const point = (period: string, h: number | null) => ({
      period,
      opened: 1,
      closed: h === null ? 0 : 1,
      avgResolutionHours: h,
    });
    const quick = resolutionTrendChart({ trend: [point('2025-03-03', 0.25), point('2025-03-10', 1.5)] });
    expect(quick.config.data.datasets[0]).toMatchObject({ label: 'Avg resolution (min)', data: [15, 90] });
    expect(quick.config.options?.scales).toMatchObject({ duration: { title: { text: 'minutes' } } });
    expect(quick.altText).toContain('2025-03-03 opened 1, closed 1, avg resolution 15 min;');
    const slow = resolutionTrendChart({ trend: [point('2025-03-03', 12), point('2025-03-10', 96)] });
    expect(slow.config.data.datasets[0]).toMatchObject({ label: 'Avg resolution (days)', data: [0.5, 4] });
    expect(slow.config.options?.scales).toMatchObject({ duration: { title: { text: 'days' } } });
    expect(slow.altText).toContain('avg resolution 12.0 h;');
    expect(slow.altText).toContain('avg resolution 4.0 days.');
  });

  it('per-agent workload: handled, in progress and closed per agent', () => {
    const s = agentWorkloadChart(team);
    expect(s.id).toBe('agent-workload');
    expect(s.config.data.labels).toEqual(['Alice', 'Bob']);
    expect(s.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Handled', [4, 2]],
      ['In Progress', [1, 1]],
      ['Closed', [3, 1]],
    ]);
    expect(s.config.data.datasets[1]?.backgroundColor).toBe(STATUS_COLOURS['In Progress']);
    expect(s.altText).toBe(
      'Workload per agent: Alice handled 4 (1 in progress, 3 closed); Bob handled 2 (1 in progress, 1 closed).',
    );
  });

  it('per-agent median resolution: horizontal bars in hours; an agent with nothing resolved has no bar', () => {
    const s = agentMedianResolutionChart({ agents: [...team.agents, agent(3, 'Cy', 1, 1, 0, null)] });
    expect(s.id).toBe('agent-median-resolution');
    expect(s.config.options?.indexAxis).toBe('y');
    expect(s.config.data.labels).toEqual(['Alice', 'Bob', 'Cy']);
    expect(s.config.data.datasets.map((d) => d.data)).toEqual([[8.3, 12, null]]);
    expect(s.altText).toBe(
      'Median resolution time per agent: Alice 8.3 h (3 resolved); Bob 12.0 h (1 resolved); Cy none resolved.',
    );
    expect(s.config.options?.scales).toMatchObject({ x: { title: { text: 'hours' } } });
    const quick = agentMedianResolutionChart({ agents: [agent(1, 'Al', 1, 0, 1, 0.5)] });
    expect(quick.config.data.datasets[0]).toMatchObject({ label: 'Median resolution (min)', data: [30] });
    expect(quick.altText).toBe('Median resolution time per agent: Al 30 min (1 resolved).');
  });

  it('SLA breaches by category: first response and resolution side by side, with totals in the text', () => {
    const s = slaBreachesChart(team);
    expect(s.id).toBe('sla-breaches-by-category');
    expect(s.config.data.labels).toEqual(['Billing', 'Network']);
    expect(s.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['First response', [1, 0]],
      ['Resolution', [0, 2]],
    ]);
    expect(s.altText).toBe(
      'SLA breaches by category: Billing 1 first response, 0 resolution; Network 0 first response, 2 resolution. In total 1 first response, 2 resolution.',
    );
  });

  it('puts the title in the Chart.js config, and every spec is plain JSON', () => {
    for (const s of teamCharts(team)) {
      expect(s.config.options?.plugins).toMatchObject({ title: { display: true, text: s.title } });
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
  });
});

describe('charts for a client and for a team', () => {
  it('gives a client three charts and a lead six, in a fixed order', () => {
    expect(clientCharts(client).map((s) => s.id)).toEqual(['status-split', 'volume-by-category', 'resolution-trend']);
    expect(teamCharts(team).map((s) => s.id)).toEqual([
      'status-split',
      'volume-by-category',
      'resolution-trend',
      'agent-workload',
      'agent-median-resolution',
      'sla-breaches-by-category',
    ]);
  });

  it('keeps every chart when there is no data, titled "(no data)" with nothing plotted', () => {
    const specs = teamCharts(empty);
    expect(specs).toHaveLength(6);
    for (const s of specs) {
      expect(s.title).toMatch(/ \(no data\)$/);
      expect(s.altText).toMatch(/: no data for this selection\.$/);
      expect(s.config.data).toEqual({ labels: [], datasets: [] });
    }
  });
});
