import { ValidationFailed } from '../../core/errors';
import { sniffImageType } from '../../core/domain/image-type';
import type { ScreenshotInput } from '../../core/schemas/query-input';
import type { SlackFileRef } from './inbound';

export interface ScreenshotFetcherOptions {
  /** The bot token: Slack serves url_private only to a token with files:read. */
  token: string;
  /** Hosts the token may be sent to (files.slack.com; the fake's host in tests). Others are refused. */
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/**
 * Downloads a file a user attached in a modal, with the bot token, refusing what is not an image or is
 * too large before and while reading it; problems are field errors on the screenshot input.
 */
export class ScreenshotFetcher {
  constructor(private readonly o: ScreenshotFetcherOptions) {}

  async fetch(file: SlackFileRef, field = 'screenshot'): Promise<ScreenshotInput> {
    const refuse = (message: string) => ValidationFailed.field(field, message);
    if (file.size !== null && file.size > this.o.maxBytes) throw refuse(`the file is ${mb(file.size)} MB; the limit is ${mb(this.o.maxBytes)} MB`);
    if (file.mimetype && !file.mimetype.startsWith('image/')) throw refuse(`${file.name} is not an image (PNG, JPEG, GIF or WebP)`);
    const url = new URL(file.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('the file link is not a web address');
    if (!this.o.allowedHosts.includes(url.host)) throw refuse(`the file is not on Slack (${url.host}); attach it again`);
    const res = await (this.o.fetch ?? fetch)(url, {
      headers: { Authorization: `Bearer ${this.o.token}` },
      // A redirect to another host drops the Authorization header (fetch does), so the token stays with Slack.
      redirect: 'follow',
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 2000),
    }).catch((e: unknown) => {
      throw refuse(`the file could not be fetched from Slack (${e instanceof Error ? e.message : String(e)}); try again`);
    });
    if (!res.ok) throw refuse(`Slack answered ${res.status} for the file; the app may lack the files:read scope`);
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      throw refuse('Slack sent a sign-in page instead of the file; the app needs the files:read scope');
    }
    const data = await readCapped(res, this.o.maxBytes);
    if (data === null) throw refuse(`the file is larger than ${mb(this.o.maxBytes)} MB`);
    const contentType = sniffImageType(data);
    if (!contentType) throw refuse(`${file.name} is not a PNG, JPEG, GIF or WebP image`);
    return { filename: file.name, contentType, data };
  }
}

/** The body, or null as soon as it passes `max` bytes (the rest is never read). */
async function readCapped(res: Response, max: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
