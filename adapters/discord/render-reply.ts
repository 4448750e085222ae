import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { isPaged } from '../../core/views/list-page';
import type { Reply, View } from '../../core/views/view-model';
import { TONE_MARK } from './colours';
import type { DiscordMessage, OutgoingFile } from './discord-message';
import { LIMITS, shorten } from './discord-text';
import { embedSize, fitEmbed } from './fit-embed';
import { buttonRows } from './render-buttons';
import { cardEmbed, statsEmbed } from './render-card';
import { chartEmbed } from './render-chart';
import { listEmbed, pagingButtons } from './render-list';

export interface RenderOptions {
  charts: ChartRenderer;
  onChartError: (e: unknown) => void;
}

interface Part {
  embed?: APIEmbed;
  file?: OutgoingFile;
  rows: APIActionRowComponent<APIButtonComponent>[];
  line?: string;
}

export { embedSize } from './fit-embed';

async function partOf(view: Exclude<View, { kind: 'text' }>, o: RenderOptions): Promise<Part> {
  switch (view.kind) {
    case 'card':
      return { embed: cardEmbed(view), rows: buttonRows(view.buttons) };
    case 'list':
      return { embed: fitEmbed(listEmbed(view)), rows: buttonRows(pagingButtons(view)) };
    case 'stats':
      return { embed: statsEmbed(view), rows: [] };
    case 'chart': {
      const { embed, file } = await chartEmbed(view, o.charts, o.onChartError);
      return { embed: fitEmbed(embed), ...(file ? { file } : {}), rows: [] };
    }
    case 'file':
      return {
        file: { name: view.filename, data: Buffer.from(view.data), contentType: view.contentType },
        rows: [],
        line: `📎 ${view.title}: ${view.filename}`,
      };
    case 'form':
      // The router opens forms as modals; one that reaches here could not be opened.
      return {
        rows: [],
        line: `This needs the "${view.title}" form, which could not be opened here: run the command again.`,
      };
  }
}

/**
 * A reply as one or more Discord messages within Discord's limits (10 embeds, 6000 embed characters, 10 files,
 * 5 rows of buttons each): texts become the first message's content; each view with buttons gets a message
 * of its own buttons, so a button always sits under the card it acts on.
 */
export async function renderReply(reply: Reply, o: RenderOptions): Promise<DiscordMessage[]> {
  const ephemeral = reply.visibility === 'ephemeral';
  const fresh = (): DiscordMessage => ({ embeds: [], components: [], files: [], ephemeral });
  const lines: string[] = [];
  const messages: DiscordMessage[] = [];
  let cur = fresh();
  let pagedBefore = false;
  for (const view of reply.views) {
    if (view.kind === 'text') {
      lines.push(`${TONE_MARK[view.tone]}${view.text}`);
      continue;
    }
    const part = await partOf(view, o);
    if (part.line) lines.push(part.line);
    const size = cur.embeds.reduce((n, e) => n + embedSize(e), 0);
    // A paged list is a message of its own: its Previous and Next replace that message (an update), nothing else with it.
    const alone = isPaged(view);
    const empty = !cur.embeds.length && !cur.files.length && !cur.components.length;
    const full =
      (part.embed &&
        (cur.embeds.length >= LIMITS.embedsPerMessage || size + embedSize(part.embed) > LIMITS.embedCharsPerMessage)) ||
      (part.file && cur.files.length >= LIMITS.filesPerMessage) ||
      (part.rows.length > 0 && cur.components.length > 0) ||
      ((alone || pagedBefore) && !empty);
    pagedBefore = alone;
    if (full) {
      messages.push(cur);
      cur = fresh();
    }
    if (part.embed) cur.embeds.push(part.embed);
    if (part.file) cur.files.push(part.file);
    cur.components.push(...part.rows.slice(0, LIMITS.rowsPerMessage));
  }
  if (cur.embeds.length || cur.files.length || cur.components.length || messages.length === 0) messages.push(cur);
  const first = messages[0]!;
  if (lines.length) first.content = shorten(lines.join('\n'), LIMITS.content);
  else if (!first.embeds.length && !first.files.length) first.content = 'Done.';
  return messages;
}
