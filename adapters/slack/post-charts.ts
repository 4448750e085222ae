import type { ChartImage, ChatPlace } from '../../core/ports/notifier';
import type { Reply } from '../../core/views/view-model';
import type { ReportPart } from '../notify/platform-notifier';
import type { SlackClient } from './block-kit';
import { clip, escapeMrkdwn } from './mrkdwn';
import { messagesOf, renderReply } from './render-reply';
import { UNREACHABLE, type ReplySender } from './reply-sender';
import { slackErrorCode, type SlackLog } from './slack-log';

export interface SlackChartPosting {
  client: SlackClient;
  /** For the DM with the user, when the channel cannot take the files. */
  sender: ReplySender;
  log: SlackLog;
}

interface Destination {
  channel: string;
  threadTs?: string;
}

/**
 * A command's chart images, after its answer (which only the asker saw): uploaded (files.uploadV2) to the asker's
 * DM with the app, or to the channel or thread where the command was issued when that is private (the DM itself,
 * the leads channel). A private channel the app cannot post in (not invited, archived) gets them in the DM too.
 */
export async function postSlackCharts(o: SlackChartPosting, place: ChatPlace, charts: ChartImage[]): Promise<void> {
  if (place.platform !== 'slack' || charts.length === 0) return;
  const dm = async () => ({ channel: await o.sender.dmChannel({ teamId: place.teamId, userId: place.userId }) });
  if (!place.privateChannel) return postImages(o.client, await dm(), charts);
  try {
    await postImages(
      o.client,
      { channel: place.channelId, ...(place.threadTs ? { threadTs: place.threadTs } : {}) },
      charts,
    );
  } catch (e) {
    if (!UNREACHABLE.has(slackErrorCode(e) ?? '')) throw e;
    o.log.warn(`channel ${place.channelId} cannot take the charts (${slackErrorCode(e)}); sending them as a DM`);
    await postImages(o.client, await dm(), charts);
  }
}

/** A report (a digest) as a message in the channel, then its chart images below it: two calls, each may fail alone. */
export function slackReportParts(
  client: SlackClient,
  channel: string,
  report: Reply,
  charts: ChartImage[],
): ReportPart[] {
  return [
    {
      name: 'text',
      post: async () => {
        const r = renderReply(report, { noUploads: true });
        for (const blocks of messagesOf(r.blocks)) await client.chat.postMessage({ channel, text: r.text, blocks });
      },
    },
    { name: 'charts', post: () => postImages(client, { channel }, charts) },
  ];
}

/** Drawn charts in one upload; those the renderer refused as their numbers in words. */
async function postImages(client: SlackClient, to: Destination, charts: ChartImage[]): Promise<void> {
  const files = charts.flatMap(({ spec, png }) =>
    png
      ? [{ file: Buffer.from(png), filename: `${spec.id}.png`, title: spec.title, alt_text: clip(spec.altText, 1000) }]
      : [],
  );
  const thread = to.threadTs ? { thread_ts: to.threadTs } : {};
  if (files.length)
    await client.filesUploadV2({ channel_id: to.channel, ...thread, file_uploads: files } as Parameters<
      SlackClient['filesUploadV2']
    >[0]);
  const words = charts
    .filter((c) => !c.png)
    .map(({ spec }) => `:bar_chart: *${escapeMrkdwn(spec.title)}*: ${escapeMrkdwn(clip(spec.altText, 1500))}`);
  if (words.length) await client.chat.postMessage({ channel: to.channel, ...thread, text: words.join('\n') });
}
