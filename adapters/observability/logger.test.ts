import { createLogger, lineLog } from './logger';
import { inRequest } from './request-context';
import { scrubber } from './scrub';

const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

function logTo(level: 'info' | 'warn' = 'info', secrets: string[] = []) {
  const chunks: string[] = [];
  const logger = createLogger({ level, secrets, destination: { write: (s: string) => void chunks.push(s) } });
  return {
    logger,
    log: lineLog(logger),
    lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>),
    text: () => chunks.join(''),
  };
}

describe('the scrubber', () => {
  const scrub = scrubber(['s3cret-signing']);
  it.each([
    ['a bot token', 'token xoxb-1234-5678-abcdefABCDEF used', 'xoxb-1234'],
    ['an app token', 'xapp-1-A0123-456-abcdef', 'abcdef'],
    ['a Discord bot token', `Bot ${DISCORD_TOKEN}`, 'GhIjKl'],
    [
      'an interaction token in a URL',
      'POST /api/v10/interactions/1450000000000000001/aW50ZXJhY3Rpb246MTIzOmFiYw/callback',
      'aW50ZXJh',
    ],
    [
      'a webhook token in a URL',
      'PATCH /webhooks/1100000000000000001/tok-1-abc123def/messages/@original',
      'tok-1-abc123def',
    ],
    ['an argon2 hash', `hash ${HASH}`, 'c2FsdHNhbHQ'],
    ['a URL password', 'mysql://cqms:hunter2pass@db:3306/cqms', 'hunter2pass'],
    ['a known secret', 'signed with s3cret-signing', 's3cret-signing'],
    ['a bearer credential', 'Authorization: Bearer ab12cd34ef56', 'ab12cd34ef56'],
  ])('removes %s', (_what, text, secret) => {
    expect(scrub(text)).not.toContain(secret);
  });

  it('leaves ordinary text alone', () => {
    for (const line of ['query #42 claimed by ann (3 ms)', 'Bot configuration is missing', 'https://example.com/a:b@c'])
      expect(scrub(line)).toBe(line);
  });
});

describe('the process logger', () => {
  it('writes JSON with the request id inside a request and none outside', async () => {
    const { log, lines } = logTo();
    log.info('before');
    await inRequest('r-1', async () => {
      await new Promise((r) => setImmediate(r));
      log.warn('inside, after a turn of the loop');
    });
    expect(lines().map((l) => [l.msg, l.requestId])).toEqual([
      ['before', undefined],
      ['inside, after a turn of the loop', 'r-1'],
    ]);
  });

  it('redacts secrets by key at any depth and by value in errors, keeping the detail', () => {
    const { logger, log, text, lines } = logTo('info', ['s3cret-signing']);
    logger.info(
      { headers: { authorization: 'Bearer abcdefgh12345678' }, user: { password: 'pw-in-clear', name: 'zoe' } },
      'request',
    );
    const e = Object.assign(new Error(`insert failed: ${HASH} (s3cret-signing)`), {
      request: { config: { headers: { Authorization: `Bot ${DISCORD_TOKEN}` } } },
    });
    log.error('unexpected error (ref AB12)', e);
    for (const secret of ['abcdefgh12345678', 'pw-in-clear', 'c2FsdHNhbHQ', 's3cret-signing', DISCORD_TOKEN])
      expect(text()).not.toContain(secret);
    const [request, failure] = lines();
    expect(request).toMatchObject({ user: { name: 'zoe' } });
    expect(failure).toMatchObject({
      level: 50,
      msg: 'unexpected error (ref AB12)',
      err: { message: expect.stringContaining('insert failed'), stack: expect.stringContaining('Error') },
    });
  });

  it('drops lines below its level', () => {
    const { log, lines } = logTo('warn');
    log.info('chatter');
    log.warn('worth a look');
    expect(lines().map((l) => l.msg)).toEqual(['worth a look']);
  });
});
