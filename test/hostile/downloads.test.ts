import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AttachmentFetcher } from '../../adapters/discord/attachment-fetcher';
import { ScreenshotFetcher } from '../../adapters/slack/screenshot-fetcher';
import { ValidationFailed } from '../../core/errors';
import { TINY_PNG } from '../support/png';

const MAX = 5 * 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * A file server that can lie: `/endless` streams PNG-headed bytes without end or length, `/declared` says
 * Content-Length 50 MB, `/exact/<n>` sends n bytes with their length. It counts what it managed to send.
 */
class FileServer {
  sent = 0;
  requests = 0;
  private constructor(
    private readonly server: Server,
    readonly host: string,
  ) {}

  static async start(): Promise<FileServer> {
    let self: FileServer | undefined;
    const server = createServer((req, res) => self!.handle(req.url ?? '/', res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self = new FileServer(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  url(path: string): string {
    return `http://${this.host}${path}`;
  }

  private handle(path: string, res: ServerResponse): void {
    this.requests++;
    if (path === '/declared') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(50 * 1024 * 1024) });
      return void res.write(TINY_PNG);
    }
    const exact = /^\/exact\/(\d+)$/.exec(path);
    if (exact) {
      const body = Buffer.alloc(Number(exact[1]));
      body.set(TINY_PNG);
      this.sent += body.length;
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(body.length) });
      return void res.end(body);
    }
    res.writeHead(200, { 'Content-Type': 'image/png' });
    const more = () => {
      while (!res.destroyed) {
        const chunk = Buffer.alloc(CHUNK, 0x41);
        if (this.sent === 0) chunk.set(TINY_PNG);
        this.sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
    };
    res.on('close', () => res.destroy());
    more();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const refusal = async (p: Promise<unknown>): Promise<string> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationFailed);
  return (e as ValidationFailed).issues.map((i) => `${i.field}: ${i.message}`).join('; ');
};

describe('screenshot downloads stop at 5 MB', () => {
  let files: FileServer;
  beforeEach(async () => {
    files = await FileServer.start();
  });
  afterEach(() => files.close());

  const discord = () => new AttachmentFetcher({ allowedHosts: [files.host], maxBytes: MAX, timeoutMs: 5000 });
  const slack = () =>
    new ScreenshotFetcher({ token: 'xoxb-test', allowedHosts: [files.host], maxBytes: MAX, timeoutMs: 5000 });
  const discordRef = (path: string, size = 1000) => ({
    id: '1',
    filename: 'shot.png',
    size,
    contentType: 'image/png',
    url: files.url(path),
  });
  const slackRef = (path: string, size: number | null = 1000) => ({
    id: 'F1',
    name: 'shot.png',
    mimetype: 'image/png',
    size,
    url: files.url(path),
  });

  it('refuse by the declared size without a request', async () => {
    expect(await refusal(discord().fetch(discordRef('/exact/10', MAX + 1), 'screenshot'))).toBe(
      'screenshot: shot.png is 5.1 MB; the limit is 5.0 MB',
    );
    expect(await refusal(slack().fetch(slackRef('/exact/10', MAX + 1)))).toBe(
      'screenshot: the file is 5.1 MB; the limit is 5.0 MB',
    );
    expect(files.requests).toBe(0);
  });

  it('refuse by the Content-Length the server declares, before reading the body', async () => {
    expect(await refusal(discord().fetch(discordRef('/declared'), 'screenshot'))).toBe(
      'screenshot: shot.png is larger than 5.0 MB',
    );
    expect(await refusal(slack().fetch(slackRef('/declared')))).toBe('screenshot: the file is larger than 5.0 MB');
  });

  it.each([
    ['Discord', () => discord().fetch(discordRef('/endless'), 'screenshot')],
    ['Slack', () => slack().fetch(slackRef('/endless', null))],
  ])('%s: abort an endless body just past the limit', async (_name, get) => {
    expect(await refusal(get())).toMatch(/larger than 5.0 MB/);
    // The server could push a little more into the socket buffers before the abort reached it, not 50 MB.
    expect(files.sent).toBeLessThan(MAX + 4 * 1024 * 1024);
  });

  it('take exactly 5 MB and refuse 5 MB + 1 byte, whatever was declared', async () => {
    expect((await discord().fetch(discordRef(`/exact/${MAX}`), 'screenshot')).data.byteLength).toBe(MAX);
    expect(await refusal(discord().fetch(discordRef(`/exact/${MAX + 1}`), 'screenshot'))).toBe(
      'screenshot: shot.png is larger than 5.0 MB',
    );
    expect((await slack().fetch(slackRef(`/exact/${MAX}`))).contentType).toBe('image/png');
    expect(await refusal(slack().fetch(slackRef(`/exact/${MAX + 1}`)))).toBe(
      'screenshot: the file is larger than 5.0 MB',
    );
  });

  it('judge by the bytes: a PNG served as text/plain is a PNG', async () => {
    const got = await discord().fetch(
      { ...discordRef('/exact/100'), filename: 'notes.txt', contentType: 'text/plain' },
      'screenshot',
    );
    expect(got).toMatchObject({ filename: 'notes.txt', contentType: 'image/png' });
  });
});
