import { publicText } from './public-prefix';

describe('the public reply prefix', () => {
  it.each([
    ['!reply hello', 'hello'],
    ['  !REPLY\nhello\nthere', 'hello\nthere'],
    ['!reply', ''],
  ])('%j goes to the client as %j', (text, said) => {
    expect(publicText(text, '!reply')).toBe(said);
  });

  it.each(['hello', '!replying', 'please !reply', ''])('%j stays internal', (text) => {
    expect(publicText(text, '!reply')).toBeNull();
  });

  it('keeps everything internal when no prefix is configured', () => {
    expect(publicText('!reply hi', '')).toBeNull();
  });
});
