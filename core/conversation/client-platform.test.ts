import type { Platform } from '../domain/platform';
import { clientChatPlatform } from './client-platform';

const on = (...platforms: Platform[]) => platforms.map((platform) => ({ platform }));

describe('the chat platform a client hears a conversation on', () => {
  it('is where they raised the query when they are linked there', () => {
    expect(clientChatPlatform('discord', on('slack', 'discord'))).toBe('discord');
    expect(clientChatPlatform('slack', on('discord', 'slack'))).toBe('slack');
  });

  it('is one platform, Slack first, for a query raised in the shell by a client linked on both', () => {
    expect(clientChatPlatform('shell', on('shell', 'discord', 'slack'))).toBe('slack');
    expect(clientChatPlatform('cli', on('discord'))).toBe('discord');
  });

  it('is the platform they are linked on when they raised the query on another one', () => {
    expect(clientChatPlatform('slack', on('discord'))).toBe('discord');
  });

  it('is none when they are linked on no chat platform', () => {
    expect(clientChatPlatform('shell', on('shell'))).toBeNull();
  });
});
