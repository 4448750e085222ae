import type { ActionRef } from '../../core/views/action-id';
import type { PlatformAccount } from '../../core/auth/identities';
import type { FormId } from '../../core/views/view-model';

/** A Discord user as an interaction names them; ids are global, so there is no workspace. */
export interface DiscordUserRef {
  userId: string;
  username: string;
}

/** What every interaction carries: who, where, and the token its answers are sent with. */
export interface InteractionMeta {
  id: string;
  applicationId: string;
  token: string;
  user: DiscordUserRef;
  channelId: string | null;
  /** null in a DM with the bot. */
  guildId: string | null;
}

/** An uploaded file as the interaction describes it; its bytes are fetched from `url` later. */
export interface AttachmentRef {
  id: string;
  filename: string;
  size: number;
  /** As declared by the uploader's client; the bytes are checked again by core. */
  contentType: string | null;
  url: string;
}

/** Option values of a slash command, by kind: plain values, uploaded files, and users picked in the client. */
export interface CommandOptions {
  values: Record<string, string | number | boolean>;
  attachments: Record<string, AttachmentRef>;
  users: Record<string, DiscordUserRef>;
}

/** What the modal's custom id carries through the round trip (see modal-id.ts). */
export interface FormRef {
  formId: FormId;
  queryId?: number;
  /** Index into the desk's categories, when the category came from the command option. */
  categoryIndex?: number;
  /** A screenshot being downloaded while the modal is open. */
  uploadId?: string;
}

/** Every interaction the adapter handles, parsed from its payload; anything else is `unsupported`. */
export type DiscordInbound =
  | { kind: 'command'; meta: InteractionMeta; name: string; options: CommandOptions }
  /** `action`: the custom id decoded by core (null: not one of ours), once, here at the edge. */
  | {
      kind: 'button';
      meta: InteractionMeta;
      actionId: string;
      action: ActionRef | null;
      messageId: string | null;
      ephemeralMessage: boolean;
    }
  | { kind: 'submit'; meta: InteractionMeta; form: FormRef; fields: Record<string, string> }
  | {
      kind: 'autocomplete';
      meta: InteractionMeta;
      name: string;
      focused: { name: string; value: string };
      options: CommandOptions;
    }
  | { kind: 'unsupported'; meta: InteractionMeta | null; reason: string };

export function accountOf(user: DiscordUserRef): PlatformAccount {
  return { platform: 'discord', workspaceId: '', platformUserId: user.userId };
}
