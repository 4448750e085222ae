import type { ChartSpec } from '../charts/chart-spec';

export interface RenderedChart {
  png: Uint8Array;
  width: number;
  height: number;
}

/** Turns a chart spec into a PNG; the width and height are those of the PNG returned. */
export interface ChartRenderer {
  render(spec: ChartSpec): Promise<RenderedChart>;
}

/**
 * A renderer could not produce the image. `retryable` when the renderer may work later (service down, timeout,
 * 5xx); not when the spec itself was refused.
 */
export class ChartRenderFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChartRenderFailed';
  }
}
