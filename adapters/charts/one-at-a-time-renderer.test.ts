import type { ChartSpec } from '../../core/charts/chart-spec';
import { ChartRenderFailed, type ChartRenderer } from '../../core/ports/chart-renderer';
import { noDataSpec } from '../../core/charts/chart-kit';
import { OneAtATimeRenderer } from './one-at-a-time-renderer';

describe('drawing one chart at a time', () => {
  it('never draws two at once, lets other work run between charts, and passes failures on', async () => {
    const events: string[] = [];
    let drawing = 0;
    const inner: ChartRenderer = {
      async render(spec: ChartSpec) {
        drawing++;
        events.push(`draw ${spec.id} (${drawing} at once)`);
        await new Promise((r) => setTimeout(r, 5));
        drawing--;
        if (spec.id === 'bad') throw new ChartRenderFailed('refused', false);
        return { png: new Uint8Array([1]), width: 1, height: 1 };
      },
    };
    const r = new OneAtATimeRenderer(inner);
    const all = Promise.allSettled(['a', 'bad', 'c'].map((id) => r.render(noDataSpec(id, id, 'bar'))));
    // Work queued now runs before the first chart is drawn.
    setImmediate(() => events.push('other work'));
    const results = await all;
    expect(events).toEqual(['other work', 'draw a (1 at once)', 'draw bad (1 at once)', 'draw c (1 at once)']);
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
