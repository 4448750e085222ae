import type { ChartConfig, ChartDataset, ChartSpec, ChartType, JsonValue } from './chart-spec';

export const CHART_SIZE = { width: 800, height: 400 } as const;

/** A count axis: starts at zero, whole ticks. */
export function countAxis(title: string, extra: { [key: string]: JsonValue } = {}): { [key: string]: JsonValue } {
  return { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: title }, ...extra };
}

export interface SpecParts {
  id: string;
  title: string;
  altText: string;
  type: ChartType;
  labels: string[];
  datasets: ChartDataset[];
  options?: { [key: string]: JsonValue };
}

/** Wraps a chart's parts into a spec, with the title and legend every chart shares. */
export function chartSpec(p: SpecParts): ChartSpec {
  const { plugins, ...rest } = p.options ?? {};
  const config: ChartConfig = {
    type: p.type,
    data: { labels: p.labels, datasets: p.datasets },
    options: {
      ...rest,
      plugins: {
        title: { display: true, text: p.title, font: { size: 16 } },
        legend: { display: true, position: 'bottom' },
        ...(isObject(plugins) ? plugins : {}),
      },
    },
  };
  return { kind: 'chart', id: p.id, title: p.title, altText: p.altText, ...CHART_SIZE, config };
}

/**
 * Empty data is not skipped: the builder still returns its chart, titled "<title> (no data)", with no labels or
 * datasets, so a caller always gets the same charts in the same order and the text says why it is blank.
 */
export function noDataSpec(id: string, title: string, type: ChartType): ChartSpec {
  return chartSpec({
    id,
    title: `${title} (no data)`,
    altText: `${title}: no data for this selection.`,
    type,
    labels: [],
    datasets: [],
  });
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
