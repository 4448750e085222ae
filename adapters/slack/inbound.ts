import type { ActionRef } from '../../core/views/action-id';
import type { PlatformAccount } from '../../core/auth/identities';
import type { FormMetadata } from './private-metadata';

/**
 * What a Slack request means, parsed from its payload by the pure parsers (one per surface) before
 * anything acts on it. Nothing downstream reads a raw payload.
 */
export interface SlackUserRef {
  /** The workspace (team) id; the user's own team under Enterprise Grid. */
  teamId: string;
  userId: string;
}

/** A file a user attached through a modal's file_input; fetched later with the bot token. */
export interface SlackFileRef {
  id: string;
  name: string;
  /** As declared by Slack; the bytes decide what is stored. */
  mimetype: string;
  size: number | null;
  url: string;
}

export interface SlashCommandIn {
  kind: 'command';
  user: SlackUserRef;
  /** Everything after `/cqms`, as typed. */
  text: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
}

export interface ButtonIn {
  kind: 'button';
  user: SlackUserRef;
  actionId: string;
  /** The id decoded by core (null: not one of ours), once, here at the edge. */
  action: ActionRef | null;
  triggerId: string;
  responseUrl: string | null;
  channelId: string | null;
  messageTs: string | null;
  /** Where the button was: a channel or DM message, an ephemeral message, the App Home or a modal. */
  surface: 'message' | 'ephemeral' | 'home' | 'modal';
}

export interface SubmitIn {
  kind: 'submit';
  user: SlackUserRef;
  /** Slack's id of the modal; the same for every submission of one modal (the de-duplication key). */
  viewId: string;
  form: FormMetadata;
  /** Text and select inputs by block id (the form field's name); empty inputs are left out. */
  fields: Record<string, string>;
  files: Record<string, SlackFileRef[]>;
}

export interface Unsupported {
  kind: 'unsupported';
  reason: string;
}

export type SlackInbound = SlashCommandIn | ButtonIn | SubmitIn | Unsupported;

export function accountOf(u: SlackUserRef): PlatformAccount {
  return { platform: 'slack', workspaceId: u.teamId, platformUserId: u.userId };
}
