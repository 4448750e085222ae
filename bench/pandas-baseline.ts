import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TeamAnalytics } from '../core/analytics/analytics-types';

const run = promisify(execFile);

export type PandasReader = 'mysqldb' | 'pymysql' | 'cli';

export interface PandasConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  db: string;
  now_ms: number;
  fr_hours: number;
  res_hours: number;
  runs: number;
  reader: PandasReader;
  /** "needed": the seven columns the analytics use; "all": every column, as the seed's pd.read_sql of the table. */
  columns: 'needed' | 'all';
  filter: { category: string; from_ms: number; to_ms: number } | null;
}

interface Stats {
  avg: number | null;
  median: number | null;
  p90: number | null;
}

export interface PandasOutput {
  pandas: string;
  reader: PandasReader;
  columns: PandasConfig['columns'];
  runs: { read_s: number; compute_s: number; total_s: number }[];
  result: {
    total: number;
    open: number;
    in_progress: number;
    closed: number;
    resolution: Stats;
    first_response: Stats;
    fr_breaches: number;
    res_breaches: number;
    agents: Record<string, { handled: number; median: number | null }>;
    categories: Record<string, number>;
    trend_days: number;
  };
}

/** The first Python driver Debian installed, else the mysql CLI's batch output. */
export async function pickReader(): Promise<PandasReader> {
  for (const [mod, reader] of [
    ['MySQLdb', 'mysqldb'],
    ['pymysql', 'pymysql'],
  ] as const) {
    try {
      await run('/usr/bin/python3', ['-c', `import pandas, ${mod}`]);
      return reader;
    } catch {
      // try the next one
    }
  }
  return 'cli';
}

export async function runPandas(cfg: PandasConfig): Promise<PandasOutput> {
  const script = join(__dirname, 'pandas_team_analytics.py');
  const { stdout } = await run('/usr/bin/python3', [script, JSON.stringify(cfg)], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as PandasOutput;
}

const near = (a: number | null, b: number | null) =>
  a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Checks a few of our figures against pandas'; one line each, "agree" or what differs. */
export function crossCheck(ours: TeamAnalytics, p: PandasOutput['result']): { line: string; ok: boolean }[] {
  const agentDiff =
    ours.agents.filter((a) => p.agents[String(a.agentId)]?.handled !== a.handled).length +
    Math.max(0, Object.keys(p.agents).length - ours.agents.length);
  const agentMedians = ours.agents.filter(
    (a) => !near(a.resolution.medianHours, p.agents[String(a.agentId)]?.median ?? null),
  ).length;
  const catDiff = ours.categories.filter((c) => p.categories[c.category] !== c.total).length;
  const checks: [string, boolean, string][] = [
    ['total', ours.totals.total === p.total, `${ours.totals.total} vs ${p.total}`],
    [
      'open / in progress / closed',
      ours.totals.open === p.open && ours.totals.inProgress === p.in_progress && ours.totals.closed === p.closed,
      `${ours.totals.open}/${ours.totals.inProgress}/${ours.totals.closed} vs ${p.open}/${p.in_progress}/${p.closed}`,
    ],
    ['per-agent handled', agentDiff === 0, `${ours.agents.length} agents, ${agentDiff} differ`],
    ['per-agent median resolution', agentMedians === 0, `${agentMedians} differ`],
    ['per-category totals', catDiff === 0, `${ours.categories.length} categories, ${catDiff} differ`],
    [
      'overall median resolution (h)',
      near(ours.resolution.medianHours, p.resolution.median),
      `${ours.resolution.medianHours} vs ${p.resolution.median}`,
    ],
    [
      'p90 resolution (h)',
      near(ours.resolution.p90Hours, p.resolution.p90),
      `${ours.resolution.p90Hours} vs ${p.resolution.p90}`,
    ],
    [
      'avg first response (h)',
      near(ours.firstResponse.avgHours, p.first_response.avg),
      `${ours.firstResponse.avgHours} vs ${p.first_response.avg}`,
    ],
    ['trend days', ours.trend.length === p.trend_days, `${ours.trend.length} vs ${p.trend_days}`],
    [
      'SLA breaches (4 h / 72 h)',
      ours.sla.firstResponseBreaches === p.fr_breaches && ours.sla.resolutionBreaches === p.res_breaches,
      `${ours.sla.firstResponseBreaches}/${ours.sla.resolutionBreaches} vs ${p.fr_breaches}/${p.res_breaches}`,
    ],
  ];
  return checks.map(([name, ok, detail]) => ({ ok, line: `${ok ? 'agree' : 'DIFFER'}  ${name}: ${detail}` }));
}
