import { chartRenderer } from './choose-renderer';
import { LocalChartRenderer } from './local-chart-renderer';
import { QuickChartRenderer } from './quickchart-renderer';

describe('choosing the chart renderer', () => {
  it('uses QuickChart when a server URL is given', () => {
    const r = chartRenderer({ quickchartUrl: 'http://quickchart.internal:3400', timeoutMs: 5000 });
    expect(r).toBeInstanceOf(QuickChartRenderer);
    expect((r as QuickChartRenderer).opts).toEqual({ url: 'http://quickchart.internal:3400', timeoutMs: 5000 });
  });

  it('renders locally when no URL (or a blank one) is given', () => {
    expect(chartRenderer({})).toBeInstanceOf(LocalChartRenderer);
    expect(chartRenderer({ quickchartUrl: '  ' })).toBeInstanceOf(LocalChartRenderer);
  });
});
