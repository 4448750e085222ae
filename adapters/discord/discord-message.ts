import {
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type RawFile,
} from 'discord.js';

/** No @everyone, @here, role or user pings, whatever the text says: sent with every message. */
export const NO_MENTIONS = { parse: [] as never[] };

export interface OutgoingFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/** One Discord message as the renderers build it, before it is sent one way or another. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files: OutgoingFile[];
  /** Seen by the caller only (interaction replies and follow-ups). */
  ephemeral: boolean;
}

/** The JSON body (and files, sent as multipart files[n] with payload_json) for a REST call. */
export function restPayload(
  m: DiscordMessage,
  opts: { ephemeral?: boolean } = {},
): { body: Record<string, unknown>; files?: RawFile[] } {
  const body: Record<string, unknown> = {
    ...(m.content !== undefined ? { content: m.content } : {}),
    embeds: m.embeds,
    components: m.components,
    allowed_mentions: NO_MENTIONS,
    ...(opts.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
  if (!m.files.length) return { body };
  body.attachments = m.files.map((f, i) => ({ id: i, filename: f.name }));
  return { body, files: m.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) };
}

/** Options for discord.js's interaction methods (editReply, update); reply and followUp add flags. */
export function interactionOptions(m: DiscordMessage) {
  return {
    ...(m.content !== undefined ? { content: m.content } : {}),
    embeds: m.embeds,
    components: m.components,
    files: m.files.map((f) => ({ attachment: f.data, name: f.name, contentType: f.contentType })),
    allowedMentions: NO_MENTIONS,
  };
}

export function ephemeralFlags(m: DiscordMessage): { flags?: MessageFlags.Ephemeral } {
  return m.ephemeral ? { flags: MessageFlags.Ephemeral } : {};
}
