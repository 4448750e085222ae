import { flagEmail } from './email-flag';

describe('email flag', () => {
  it('trims and lowercases before checking', () => {
    expect(flagEmail('  Priya.Nair@Example.COM ')).toEqual({ email: 'priya.nair@example.com', valid: true });
  });

  it.each([
    'priya.example.com',
    'priya@',
    '@example.com',
    'priya@@example.com',
    'priya@example',
    'pri ya@example.com',
    'priya@example.com.',
    'priya@-example.com',
    '',
  ])('keeps %j and flags it invalid', (raw) => {
    expect(flagEmail(raw)).toEqual({ email: raw.trim().toLowerCase(), valid: false });
  });
});
