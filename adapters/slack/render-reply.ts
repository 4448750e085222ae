import type { ChartSpec } from '../../core/charts/chart-spec';
import type { FileView, FormView, Reply, View } from '../../core/views/view-model';
import { LIMITS, type KnownBlock } from './block-kit';
import { clip, escapeMrkdwn, plain } from './mrkdwn';
import { cardBlocks } from './render-card';
import { listBlocks } from './render-list';
import { contextLine } from './render-parts';
import { statsBlocks, textBlocks } from './render-text';

export interface RenderOptions {
  /** A public image URL for a chart (QuickChart), or null to upload it as a file instead. */
  chartImageUrl?: (spec: ChartSpec) => string | null;
  /** Where files cannot follow (App Home): charts and files are described in text instead. */
  noUploads?: boolean;
  /** Paging buttons on lists (not on App Home, which is refreshed whole). */
  paging?: boolean;
  /** Files and charts are uploaded to the user's DM with the app, not where this answer shows: say so. */
  uploadsToDm?: boolean;
}

/** A reply as Block Kit, with what travels beside the blocks: charts and files to upload, forms to open. */
export interface RenderedReply {
  blocks: KnownBlock[];
  /** The notification and accessibility fallback. */
  text: string;
  charts: ChartSpec[];
  files: FileView[];
  forms: FormView[];
}

export function renderReply(reply: Reply, o: RenderOptions = {}): RenderedReply {
  const out: RenderedReply = { blocks: [], text: '', charts: [], files: [], forms: [] };
  for (const v of reply.views) out.blocks.push(...viewBlocks(v, o, out));
  out.text = fallbackText(reply.views);
  return out;
}

function viewBlocks(v: View, o: RenderOptions, out: RenderedReply): KnownBlock[] {
  switch (v.kind) {
    case 'card':
      return cardBlocks(v);
    case 'list':
      return listBlocks(v, { paging: o.paging ?? true });
    case 'text':
      return textBlocks(v);
    case 'stats':
      return statsBlocks(v);
    case 'form':
      out.forms.push(v);
      return [];
    case 'file':
      if (o.noUploads)
        return [contextLine(`:paperclip: ${escapeMrkdwn(v.title)}: run the command in a conversation to get the file`)];
      out.files.push(v);
      return [
        contextLine(
          `:paperclip: ${escapeMrkdwn(v.title)}: ${escapeMrkdwn(v.filename)} ${o.uploadsToDm ? 'is in your DM with this app' : 'follows below'}`,
        ),
      ];
    case 'chart': {
      const url = o.chartImageUrl?.(v) ?? null;
      if (url)
        return [
          {
            type: 'image',
            image_url: url,
            alt_text: clip(v.altText, LIMITS.altText),
            title: plain(v.title, LIMITS.altText),
          },
        ];
      if (o.noUploads)
        return [contextLine(`:bar_chart: *${escapeMrkdwn(v.title)}*: ${escapeMrkdwn(clip(v.altText, 500))}`)];
      out.charts.push(v);
      return [
        contextLine(
          `:bar_chart: *${escapeMrkdwn(v.title)}*: ${o.uploadsToDm ? 'the chart is in your DM with this app' : 'the chart follows below'}`,
        ),
      ];
    }
  }
}

function fallbackText(views: readonly View[]): string {
  const first = views.find((v) => v.kind !== 'form') ?? views[0];
  if (!first) return ' ';
  const raw =
    first.kind === 'text'
      ? first.text
      : first.kind === 'card'
        ? `${first.title}${first.status ? ` [${first.status}]` : ''}`
        : first.title;
  return escapeMrkdwn(clip(raw, 2900));
}

/** Splits blocks into messages of at most `max` blocks (Slack refuses longer ones). */
export function messagesOf(blocks: readonly KnownBlock[], max: number = LIMITS.messageBlocks): KnownBlock[][] {
  const out: KnownBlock[][] = [];
  for (let i = 0; i < blocks.length; i += max) out.push(blocks.slice(i, i + max));
  return out.length ? out : [[]];
}
