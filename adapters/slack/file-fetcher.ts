import { ValidationFailed } from '../../core/errors';
import { megabytes } from '../../core/domain/image-type';
import { readCapped } from '../http/read-capped';
import type { SlackFileRef } from './inbound';

export interface SlackFileFetcherOptions {
  /** The bot token: Slack serves url_private only to a token with files:read. */
  token: string;
  /** Hosts the token may be sent to (files.slack.com; the fake's host in tests). Others are refused. */
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A file's bytes as Slack served them, with what the response says they are. */
export interface FetchedFile {
  filename: string;
  /** The type Slack declared for the file (the response's when it declared none). */
  contentType: string;
  data: Uint8Array;
  /** Slack answered with a web page (its sign-in page: the token lacks files:read). */
  servedHtml: boolean;
}

/**
 * Downloads a file a user shared (in a modal's file input or with a message), with the bot token, only from
 * Slack's hosts: refused before the download when its declared size is too large, and while reading as soon as
 * it passes the limit. Problems are field errors on `field`. What the bytes are is the caller's to decide.
 */
export class SlackFileFetcher {
  constructor(private readonly limits: SlackFileFetcherOptions) {}

  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  async fetch(file: SlackFileRef, field: string): Promise<FetchedFile> {
    const refuse = (message: string) => ValidationFailed.field(field, message);
    const max = this.limits.maxBytes;
    if (file.size !== null && file.size > max)
      throw refuse(`the file is ${megabytes(file.size)}; the limit is ${megabytes(max)}`);
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
    const data = await readCapped(res, max).catch(() => {
      throw refuse('the file could not be fetched from Slack (the download broke off); try again');
    });
    if (data === null) throw refuse(`the file is larger than ${megabytes(max)}`);
    const served = res.headers.get('content-type') ?? '';
    return {
      filename: file.name,
      contentType: file.mimetype || served.split(';')[0]!.trim() || 'application/octet-stream',
      data,
      servedHtml: served.startsWith('text/html') && !file.mimetype.startsWith('text/html'),
    };
  }
}
