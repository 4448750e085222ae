/** Snowflakes and names the fake Discord and the tests share. */
export type Json = Record<string, unknown>;

export const APP_ID = '1300000000000000001';
export const GUILD_ID = '1300000000000000100';
export const SUPPORT_CHANNEL = '1300000000000000200';
export const LEADS_CHANNEL = '1300000000000000201';
export const DESK_CHANNEL = '1300000000000000202';
export const BOT_USER = {
  id: APP_ID,
  username: 'CQMS',
  discriminator: '0',
  global_name: 'CQMS',
  avatar: null,
  bot: true,
};
