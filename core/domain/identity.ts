import type { Platform } from './platform';

/** A chat account (Slack user in a workspace, Discord user) linked to a CQMS account. */
export interface PlatformIdentity {
  platform: Platform;
  /** Slack team id or Discord application/guild scope; '' where the platform id is global. */
  workspaceId: string;
  platformUserId: string;
  userId: number;
  linkedAt: Date;
}
