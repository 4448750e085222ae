import { DiscordAPIError, MessageFlags, Routes, type REST } from 'discord.js';
import { RetryLater } from '../../core/ports/job-queue';
import type { ChartImage, ChatPlace, DiscordPlace } from '../../core/ports/notifier';
import type { DiscordLog } from './discord-log';
import { restPayload, type DiscordMessage } from './discord-message';
import { LIMITS } from './discord-text';
import { TOKEN_LIFETIME_MS } from './recent-interactions';
import { chartImageEmbed } from './render-chart';
import { embedSize } from './render-reply';

export interface DiscordChartPosting {
  rest: Pick<REST, 'post' | 'get'>;
  log: DiscordLog;
  now?: () => Date;
  /** The user's DM channel (opened when needed): where an ephemeral answer's charts go once its window is over. */
  dmChannel: (discordUserId: string) => Promise<string>;
}

/** Discord's codes for an interaction token that no longer works. */
const TOKEN_GONE = [10015, 50027];
/** Discord's codes for a user who cannot be sent a DM. */
export const CANNOT_DM = [50007, 10013];
/** How long the images wait for the answer they follow to go out (it is being sent while they are drawn). */
const ANSWER_WAIT_MS = 60_000;

/**
 * A command's chart images, after its answer: inside the interaction's 15-minute window, follow-ups on its token
 * (ephemeral like the answer); after it, or when the token no longer works, the user's DM for an ephemeral answer
 * (never the channel, where others would see them), the interaction's channel for a public one.
 */
export async function postDiscordCharts(o: DiscordChartPosting, place: ChatPlace, charts: ChartImage[]): Promise<void> {
  if (place.platform !== 'discord' || charts.length === 0) return;
  const messages = chartMessages(charts, place.ephemeral);
  const age = (o.now ?? (() => new Date()))().getTime() - place.receivedAt;
  if (age < TOKEN_LIFETIME_MS && (await viaFollowUp(o, place, messages, age))) return;
  if (place.ephemeral) return viaDm(o, place, messages);
  if (!place.channelId) {
    o.log.warn(
      `charts for Discord user ${place.userId} were dropped: the interaction's window has passed and it named no channel`,
    );
    return;
  }
  for (const m of messages)
    await o.rest.post(Routes.channelMessages(place.channelId), restPayload({ ...m, ephemeral: false }));
}

/** Each report message, then the chart images, in every channel given. */
export async function postDiscordReport(
  rest: Pick<REST, 'post'>,
  channels: readonly string[],
  report: DiscordMessage[],
  charts: ChartImage[],
): Promise<void> {
  const messages = [...report, ...chartMessages(charts, false)];
  await Promise.all(
    channels.map(async (channelId) => {
      for (const m of messages) await rest.post(Routes.channelMessages(channelId), restPayload(m));
    }),
  );
}

/** Charts as embeds with their PNGs attached, as few messages as Discord's limits allow. */
export function chartMessages(charts: ChartImage[], ephemeral: boolean): DiscordMessage[] {
  const out: DiscordMessage[] = [];
  let cur: DiscordMessage | undefined;
  for (const { spec, png } of charts) {
    const { embed, file } = chartImageEmbed(spec, png);
    const size = cur ? cur.embeds.reduce((n, e) => n + embedSize(e), 0) : 0;
    if (
      !cur ||
      cur.embeds.length >= LIMITS.embedsPerMessage ||
      cur.files.length >= LIMITS.filesPerMessage ||
      size + embedSize(embed) > LIMITS.embedCharsPerMessage
    ) {
      cur = { embeds: [], components: [], files: [], ephemeral };
      out.push(cur);
    }
    cur.embeds.push(embed);
    if (file) cur.files.push(file);
  }
  return out;
}

/** A user who does not take DMs does not get the charts: the answer's figures stand without them. */
async function viaDm(o: DiscordChartPosting, place: DiscordPlace, messages: DiscordMessage[]): Promise<void> {
  try {
    const channelId = await o.dmChannel(place.userId);
    for (const m of messages)
      await o.rest.post(Routes.channelMessages(channelId), restPayload({ ...m, ephemeral: false }));
  } catch (e) {
    if (!(e instanceof DiscordAPIError && CANNOT_DM.includes(Number(e.code)))) throw e;
    o.log.warn(
      `charts for Discord user ${place.userId} were dropped: the interaction's window has passed and they do not take DMs`,
    );
  }
}

/** false when the token no longer works (the channel is tried instead); other failures throw, scrubbed of the token. */
async function viaFollowUp(
  o: DiscordChartPosting,
  place: DiscordPlace,
  messages: DiscordMessage[],
  age: number,
): Promise<boolean> {
  const { applicationId: app, interactionToken: token } = place;
  try {
    // Discord turns the first follow-up of a still-deferred ("thinking") answer into the answer: wait for it.
    const original = (await o.rest.get(Routes.webhookMessage(app, token, '@original'), { auth: false })) as {
      flags?: number;
    };
    if (((original.flags ?? 0) & MessageFlags.Loading) !== 0 && age < ANSWER_WAIT_MS)
      throw new RetryLater('the answer the charts follow has not gone out yet', 1000);
    for (const m of messages)
      await o.rest.post(Routes.webhook(app, token), { ...restPayload(m, { ephemeral: place.ephemeral }), auth: false });
    return true;
  } catch (e) {
    if (e instanceof RetryLater) throw e;
    const gone =
      e instanceof DiscordAPIError && (TOKEN_GONE.includes(Number(e.code)) || e.status === 401 || e.status === 404);
    if (gone) {
      o.log.warn(
        `the interaction of Discord user ${place.userId} no longer takes follow-ups; posting its charts in the channel`,
      );
      return false;
    }
    // The token is in the request's URL, which some errors quote: never let it reach a log or the failed-jobs list.
    throw new Error(
      `posting charts as a follow-up failed: ${String(e instanceof Error ? e.message : e)
        .split(token)
        .join('<token>')}`,
    );
  }
}
