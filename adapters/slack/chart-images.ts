import QuickChart from 'quickchart-js';
import type { ChartSpec } from '../../core/charts/chart-spec';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { LIMITS } from './block-kit';

/**
 * How charts reach Slack: rendered to PNG and uploaded as files (the default, works anywhere), or, when a
 * QuickChart server is reachable from Slack's servers, image blocks pointing at it (no upload at all).
 */
export interface ChartOutput {
  renderer: ChartRenderer;
  /** An image URL Slack can fetch for the chart, or null to upload it. */
  imageUrl?: (spec: ChartSpec) => string | null;
}

/** Image URLs on a public QuickChart server; a chart whose URL passes Slack's 3,000 characters is uploaded. */
export function quickchartImageUrls(publicUrl: string): (spec: ChartSpec) => string | null {
  const url = new URL(publicUrl);
  const scheme = url.protocol.replace(':', '');
  const host = `${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return (spec) => {
    const link = new QuickChart()
      .setScheme(scheme)
      .setHost(host)
      .setVersion('4')
      .setWidth(spec.width)
      .setHeight(spec.height)
      .setBackgroundColor('#ffffff')
      .setFormat('png')
      .setConfig(JSON.stringify(spec.config))
      .getUrl();
    return link.length <= LIMITS.imageUrl ? link : null;
  };
}
