/** JSON values only: a chart spec must survive JSON.stringify unchanged (it is posted to QuickChart as is). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type ChartType = 'bar' | 'line' | 'pie' | 'doughnut';

/** The subset of a Chart.js 4 dataset the builders use. */
export interface ChartDataset {
  label: string;
  data: (number | null)[];
  /** Per-dataset type, for a mixed chart (bars and a line). */
  type?: 'bar' | 'line';
  backgroundColor?: string | string[];
  borderColor?: string | string[];
  borderWidth?: number;
  fill?: boolean;
  tension?: number;
  pointRadius?: number;
  spanGaps?: boolean;
  stack?: string;
  yAxisID?: string;
  order?: number;
}

/** A minimal, typed Chart.js 4 configuration: no functions, no plugins, no callbacks. */
export interface ChartConfig {
  type: ChartType;
  data: { labels: string[]; datasets: ChartDataset[] };
  options?: { [key: string]: JsonValue };
}

/** A chart as core describes it; adapters render it to an image, or show `altText` where images do not fit. */
export interface ChartSpec {
  kind: 'chart';
  /** Stable per chart, e.g. 'volume-by-category'. */
  id: string;
  title: string;
  /** A plain-text summary of the numbers, for accessibility and text surfaces. */
  altText: string;
  width: number;
  height: number;
  config: ChartConfig;
}
