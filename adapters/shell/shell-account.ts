import type { PlatformAccount } from '../../core/auth/identities';

/** Every shell user lives in one local workspace; the name typed after /as is the platform user id. */
export const SHELL_WORKSPACE = 'local';

export function shellAccount(name: string): PlatformAccount {
  return { platform: 'shell', workspaceId: SHELL_WORKSPACE, platformUserId: name };
}

/** A name for /as: one word, so it reads back unambiguously in prompts and messages. */
export function checkShellName(name: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(name))
    return 'a name is one word of letters, digits, dot, dash, underscore or @ (at most 64 characters)';
  return null;
}
