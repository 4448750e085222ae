import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ChartSpec } from '../../core/charts/chart-spec';
import type { ChartRenderer, RenderedChart } from '../../core/ports/chart-renderer';
import type { FileView } from '../../core/views/view-model';

export interface ArtifactFolders {
  /** Where chart PNGs go (data/charts by default, set in bot/). */
  chartsDir: string;
  /** Where CSV exports and other files go (data/exports by default). */
  exportsDir: string;
}

export interface SavedChart extends RenderedChart {
  path: string;
}

/** Writes what a terminal cannot show: charts rendered to PNG through the chart port, and files. */
export class ArtifactWriter {
  constructor(
    private readonly renderer: ChartRenderer,
    private readonly folders: ArtifactFolders,
  ) {}

  async saveChart(spec: ChartSpec): Promise<SavedChart> {
    const chart = await this.renderer.render(spec);
    const path = await this.write(this.folders.chartsDir, `${spec.id}.png`, chart.png);
    return { ...chart, path };
  }

  saveFile(file: FileView): Promise<string> {
    return this.write(this.folders.exportsDir, file.filename, file.data);
  }

  /** A stamped, sanitized name, so nothing earlier is overwritten and no name escapes the folder. */
  private async write(dir: string, name: string, data: Uint8Array): Promise<string> {
    await mkdir(dir, { recursive: true });
    const safe = basename(name).replace(/[^A-Za-z0-9._-]/g, '_') || 'file';
    const ext = extname(safe);
    const stamp = `${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
    const path = join(dir, `${safe.slice(0, safe.length - ext.length)}-${stamp}${ext}`);
    await writeFile(path, data, { flag: 'wx' });
    return path;
  }
}
