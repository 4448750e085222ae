import { ValidationFailed } from '../../core/errors';
import { megabytes, sniffImageType } from '../../core/domain/image-type';
import { readCapped } from '../http/read-capped';
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

/**
 * Downloads a file a user attached in a modal, with the bot token: refused before the download when its
 * declared size is too large, while reading it as soon as it passes the limit, and after by its bytes when
 * they are not a PNG, JPEG, GIF or WebP image; problems are field errors on the screenshot input.
 */
export class ScreenshotFetcher {
  constructor(private readonly limits: ScreenshotFetcherOptions) {}

  async fetch(file: SlackFileRef, field = 'screenshot'): Promise<ScreenshotInput> {
    const refuse = (message: string) => ValidationFailed.field(field, message);
    if (file.size !== null && file.size > this.limits.maxBytes)
      throw refuse(`the file is ${megabytes(file.size)}; the limit is ${megabytes(this.limits.maxBytes)}`);
    const url = new URL(file.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('the file link is not a web address');
    if (!this.limits.allowedHosts.includes(url.host))
      throw refuse(`the file is not on Slack (${url.host}); attach it again`);
    const res = await (this.limits.fetch ?? fetch)(url, {
      headers: { Authorization: `Bearer ${this.limits.token}` },
      // A redirect to another host drops the Authorization header (fetch does), so the token stays with Slack.
      redirect: 'follow',
      signal: AbortSignal.timeout(this.limits.timeoutMs ?? 2000),
    }).catch((e: unknown) => {
      throw refuse(
        `the file could not be fetched from Slack (${e instanceof Error && e.name === 'TimeoutError' ? 'timed out' : 'network error'}); try again`,
      );
    });
    if (!res.ok) throw refuse(`Slack answered ${res.status} for the file; the app may lack the files:read scope`);
    const data = await readCapped(res, this.limits.maxBytes).catch(() => {
      throw refuse('the file could not be fetched from Slack (the download broke off); try again');
    });
    if (data === null) throw refuse(`the file is larger than ${megabytes(this.limits.maxBytes)}`);
    // The bytes decide, not the name or the declared type: a PNG saved as .txt is a PNG, HTML called .png is not.
    const contentType = sniffImageType(data);
    if (contentType) return { filename: file.name, contentType, data };
    const signIn =
      (res.headers.get('content-type') ?? '').startsWith('text/html') && !file.mimetype.startsWith('text/html');
    throw refuse(
      `${file.name} is not a PNG, JPEG, GIF or WebP image${signIn ? ' (Slack sent a web page: the app may lack the files:read scope)' : ''}`,
    );
  }
}
