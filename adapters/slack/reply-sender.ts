import { pagedListsAlone } from '../../core/views/list-page';
import type { Reply } from '../../core/views/view-model';
import { LIMITS, type KnownBlock, type SlackClient } from './block-kit';
import type { ChartOutput } from './chart-images';
import type { SlackUserRef } from './inbound';
import { clip, escapeMrkdwn } from './mrkdwn';
import { messagesOf, renderReply, type RenderedReply } from './render-reply';
import { slackErrorCode, type SlackLog } from './slack-log';

/** Where an answer goes: the interaction's response_url when there is one, else the channel, else a DM. */
export interface ReplyTarget {
  user: SlackUserRef;
  channelId?: string | null;
  responseUrl?: string | null;
  /** Replace the message the button was on (a list's next page). */
  replaceOriginal?: boolean;
  /** The (non-ephemeral) message the button was on: a reply that replaces its source edits it with chat.update. */
  source?: { channelId: string; ts: string };
  /** The button was on an ephemeral message: a reply that replaces its source replaces it through response_url. */
  onEphemeral?: boolean;
  /** In the channel, under this thread's root (an answer to a message written in a thread). */
  threadTs?: string | null;
}

export interface ReplySenderOptions {
  client: SlackClient;
  charts: ChartOutput;
  log: SlackLog;
  fetch?: typeof fetch;
}

/** Errors after which a channel cannot take the message and a DM is the way left. */
export const UNREACHABLE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_in_channel',
  'restricted_action',
]);

/**
 * Delivers a reply: its blocks (ephemeral answers through response_url or chat.postEphemeral, messages
 * through chat.postMessage, split at 50 blocks), then its charts and files through files.uploadV2 (to the
 * channel for a public reply, to the user's DM with the app for an ephemeral one, since files cannot be
 * ephemeral). Forms are not its business: the caller opens them as modals.
 */
export class ReplySender {
  private readonly dms = new Map<string, string>();

  constructor(private readonly deps: ReplySenderOptions) {}

  render(reply: Reply, o: { uploadsToDm?: boolean } = {}): RenderedReply {
    return renderReply(reply, {
      ...(this.deps.charts.imageUrl ? { chartImageUrl: this.deps.charts.imageUrl } : {}),
      ...o,
    });
  }

  async send(reply: Reply, to: ReplyTarget): Promise<void> {
    const publicReply = reply.visibility === 'public';
    // Files cannot be ephemeral: those of a private answer go to the DM with the app, and the answer says where.
    const uploads = reply.views.some((v) => v.kind === 'file' || v.kind === 'chart');
    const channel = !uploads ? null : publicReply && to.channelId ? to.channelId : await this.dmChannel(to.user);
    const uploadsToDm = channel !== null && channel !== to.channelId;
    // An answer that stands in for the message pressed (a rating) edits that message, when it fits one.
    if (reply.replaces === 'source' && to.source && !uploads) {
      const r = this.render(reply);
      if (r.blocks.length <= LIMITS.messageBlocks) {
        try {
          await this.deps.client.chat.update({
            channel: to.source.channelId,
            ts: to.source.ts,
            text: r.text,
            blocks: r.blocks,
          });
          return;
        } catch (e) {
          this.deps.log.warn(
            `message ${to.source.ts} could not be updated (${slackErrorCode(e) ?? String(e)}); answering beside it`,
          );
        }
      }
    }
    const toUpload: RenderedReply = { blocks: [], text: '', charts: [], files: [], forms: [] };
    let first = true;
    // A paged list is a message of its own: its Previous and Next replace that message, and nothing else with it.
    for (const views of pagedListsAlone(reply.views)) {
      const r = this.render({ ...reply, views }, { uploadsToDm });
      toUpload.charts.push(...r.charts);
      toUpload.files.push(...r.files);
      if (!r.blocks.length) continue;
      for (const blocks of messagesOf(r.blocks)) {
        const replace = (to.replaceOriginal ?? false) || (reply.replaces === 'source' && to.onEphemeral === true);
        await this.post(blocks, r.text, publicReply, to, first && replace);
        first = false;
      }
    }
    if (channel && (toUpload.charts.length || toUpload.files.length)) await this.upload(toUpload, channel);
  }

  /** A direct message from the app (notifications): always a real message in the DM. */
  async sendDirect(user: SlackUserRef, reply: Reply): Promise<void> {
    const r = this.render(reply);
    const channel = await this.dmChannel(user);
    for (const blocks of messagesOf(r.blocks))
      await this.deps.client.chat.postMessage({ channel, text: r.text, blocks });
    if (r.charts.length || r.files.length) await this.upload(r, channel);
  }

  async dmChannel(user: SlackUserRef): Promise<string> {
    const key = `${user.teamId}/${user.userId}`;
    const known = this.dms.get(key);
    if (known) return known;
    const res = await this.deps.client.conversations.open({ users: user.userId });
    const id = res.channel?.id;
    if (!id) throw new Error(`conversations.open gave no channel for ${user.userId}`);
    if (this.dms.size > 5000) this.dms.clear();
    this.dms.set(key, id);
    return id;
  }

  private async post(
    blocks: KnownBlock[],
    text: string,
    publicReply: boolean,
    to: ReplyTarget,
    replace: boolean,
  ): Promise<void> {
    if (to.responseUrl && (await this.viaResponseUrl(to.responseUrl, { blocks, text, publicReply, replace }))) return;
    if (to.channelId) {
      const thread = to.threadTs ? { thread_ts: to.threadTs } : {};
      try {
        if (publicReply) await this.deps.client.chat.postMessage({ channel: to.channelId, text, blocks, ...thread });
        else
          await this.deps.client.chat.postEphemeral({
            channel: to.channelId,
            user: to.user.userId,
            text,
            blocks,
            ...thread,
          });
        return;
      } catch (e) {
        if (!UNREACHABLE.has(slackErrorCode(e) ?? '')) throw e;
        this.deps.log.warn(`channel ${to.channelId} cannot take the answer (${slackErrorCode(e)}); sending it as a DM`);
      }
    }
    await this.deps.client.chat.postMessage({ channel: await this.dmChannel(to.user), text, blocks });
  }

  /** response_url takes JSON; it expires (30 minutes, 5 uses), and then the other ways are tried. */
  private async viaResponseUrl(
    url: string,
    m: { blocks: KnownBlock[]; text: string; publicReply: boolean; replace: boolean },
  ): Promise<boolean> {
    try {
      const res = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          response_type: m.publicReply ? 'in_channel' : 'ephemeral',
          replace_original: m.replace,
          text: m.text,
          blocks: m.blocks,
        }),
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok) return true;
      this.deps.log.warn(`response_url answered ${res.status}; answering another way`);
    } catch (e) {
      this.deps.log.warn(`response_url failed (${e instanceof Error ? e.message : String(e)}); answering another way`);
    }
    return false;
  }

  /** Charts rendered to PNG (one that fails is named in a note, the rest still go), then all in one upload. */
  private async upload(r: RenderedReply, channel: string): Promise<void> {
    const rendered = await Promise.allSettled(r.charts.map((c) => this.deps.charts.renderer.render(c)));
    const files: { file: Buffer; filename: string; title: string; alt_text?: string }[] = [];
    const failed: string[] = [];
    rendered.forEach((res, i) => {
      const spec = r.charts[i]!;
      if (res.status === 'fulfilled')
        files.push({
          file: Buffer.from(res.value.png),
          filename: `${spec.id}.png`,
          title: spec.title,
          alt_text: clip(spec.altText, 1000),
        });
      else {
        failed.push(spec.title);
        this.deps.log.warn(
          `chart ${spec.id} could not be drawn: ${res.reason instanceof Error ? res.reason.message : String(res.reason)}`,
        );
      }
    });
    for (const f of r.files) files.push({ file: Buffer.from(f.data), filename: f.filename, title: f.title });
    if (files.length) await this.deps.client.filesUploadV2({ channel_id: channel, file_uploads: files });
    if (failed.length) {
      const text = `:warning: ${escapeMrkdwn(`These charts could not be drawn: ${failed.join(', ')}. The figures above are complete.`)}`;
      await this.deps.client.chat.postMessage({ channel, text });
    }
  }
}
