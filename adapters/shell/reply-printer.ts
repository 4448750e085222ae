import { ChartRenderFailed } from '../../core/ports/chart-renderer';
import type { ButtonView, Reply, View } from '../../core/views/view-model';
import { oneLine, visible, type Paint } from './ansi';
import type { ArtifactWriter } from './artifact-writer';
import { errorLine } from './error-line';
import { renderCard } from './render-card';
import { renderList } from './render-list';
import { renderButtons, renderFormIntro, renderStats, renderText } from './render-text';

/** The buttons a reply offers, in the order they are numbered: each card's, then each list's paging. */
export function buttonsOf(reply: Reply): ButtonView[] {
  return reply.views.flatMap((v) =>
    v.kind === 'card'
      ? v.buttons
      : v.kind === 'list'
        ? [v.prev, v.next].filter((b): b is ButtonView => b !== undefined)
        : [],
  );
}

/**
 * Turns a reply into terminal lines: every view kind in order, charts and files written to their
 * folders with the path printed, then the reply's buttons numbered. Returns those buttons.
 */
export class ReplyPrinter {
  constructor(
    private readonly paint: Paint,
    private readonly artifacts: ArtifactWriter,
  ) {}

  async lines(reply: Reply): Promise<{ lines: string[]; buttons: ButtonView[] }> {
    const lines: string[] = [];
    for (const view of reply.views) lines.push(...(await this.view(view)));
    const buttons = buttonsOf(reply);
    return { lines: [...lines, ...renderButtons(buttons, this.paint)], buttons };
  }

  private async view(v: View): Promise<string[]> {
    const p = this.paint;
    switch (v.kind) {
      case 'card':
        return renderCard(v, p);
      case 'list':
        return renderList(v, p);
      case 'text':
        return renderText(v, p);
      case 'stats':
        return renderStats(v, p);
      case 'form':
        return renderFormIntro(v, p);
      case 'file': {
        const path = await this.artifacts.saveFile(v);
        return [`${p('cyan', '⤓')} ${visible(v.title)}: ${v.filename} written to ${path} (${v.data.byteLength} bytes)`];
      }
      case 'chart':
        try {
          const saved = await this.artifacts.saveChart(v);
          return [
            `${p('cyan', '▦')} ${visible(v.title)}: ${saved.path} (${saved.width}x${saved.height} PNG)`,
            p('dim', `  ${oneLine(v.altText, 300)}`),
          ];
        } catch (e) {
          // A chart that cannot be drawn still says its numbers; the rest of the reply is unaffected.
          return [
            p(
              'yellow',
              `! ${visible(v.title)}: the chart could not be drawn (${e instanceof ChartRenderFailed ? e.message : errorLine(e)})`,
            ),
            p('dim', `  ${oneLine(v.altText, 300)}`),
          ];
        }
    }
  }
}
