import type { ChartSpec } from '../../core/charts/chart-spec';
import { chartRenderer } from './choose-renderer';
import { QuickChartRenderer } from './quickchart-renderer';
import { sniffImageType } from '../../core/domain/image-type';

const spec: ChartSpec = {
  kind: 'chart',
  id: 'c',
  title: 'C',
  altText: 'c',
  width: 320,
  height: 200,
  config: { type: 'bar', data: { labels: ['a'], datasets: [{ label: 'n', data: [1] }] } },
};

describe('choosing the chart renderer', () => {
  it('uses QuickChart when a server URL is given', () => {
    const r = chartRenderer({ quickchartUrl: 'http://quickchart.internal:3400', timeoutMs: 5000 });
    expect(r).toBeInstanceOf(QuickChartRenderer);
    expect((r as QuickChartRenderer).opts).toEqual({ url: 'http://quickchart.internal:3400', timeoutMs: 5000 });
  });

  it('renders locally, loading the canvas on the first chart, when no URL (or a blank one) is given', async () => {
    for (const r of [chartRenderer({}), chartRenderer({ quickchartUrl: '  ' })]) {
      expect(r).not.toBeInstanceOf(QuickChartRenderer);
      const drawn = await r.render(spec);
      expect([drawn.width, drawn.height]).toEqual([320, 200]);
      expect(sniffImageType(drawn.png)).toBe('image/png');
    }
  });
});
