import { megabytes, sniffImageType } from '../../core/domain/image-type';
import { ValidationFailed } from '../../core/errors';
import { readCapped } from '../http/read-capped';
import type { AttachmentRef } from './inbound';

/** Discord's CDN hosts; the wiring adds the API override's host (a proxy, the fake in tests). */
export const DISCORD_FILE_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'];

export interface DownloadedFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface AttachmentFetcherOptions {
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs?: number;
}

/**
 * Gets an uploaded screenshot's bytes from Discord's CDN: refused at once when its declared size is too
 * large, fetched only from Discord's hosts (the URL comes from the payload), stopped as soon as the bytes
 * pass the limit, and judged by the bytes, never the declared type (a PNG named notes.txt is a PNG, HTML
 * declared image/png is not). Core checks the bytes again.
 */
export class AttachmentFetcher {
  constructor(private readonly limits: AttachmentFetcherOptions) {}

  checkDeclared(ref: AttachmentRef, field: string): void {
    if (!(ref.size <= this.limits.maxBytes))
      throw ValidationFailed.field(
        field,
        `${ref.filename} is ${megabytes(ref.size)}; the limit is ${megabytes(this.limits.maxBytes)}`,
      );
  }

  /** A screenshot: the bytes downloaded as `download` does, then refused unless they are an image. */
  async fetch(ref: AttachmentRef, field: string): Promise<DownloadedFile> {
    const file = await this.download(ref, field);
    const contentType = sniffImageType(file.data);
    if (!contentType) throw ValidationFailed.field(field, `${ref.filename} is not a PNG, JPEG, GIF or WebP image`);
    return { ...file, contentType };
  }

  /**
   * Any file (one sent with a conversation message): its bytes size-capped, typed as the uploader declared it;
   * core reads the bytes to decide what it is.
   */
  async download(ref: AttachmentRef, field: string): Promise<DownloadedFile> {
    this.checkDeclared(ref, field);
    const url = URL.canParse(ref.url) ? new URL(ref.url) : null;
    if (!url || !this.limits.allowedHosts.includes(url.host) || !/^https?:$/.test(url.protocol)) {
      throw ValidationFailed.field(field, `${ref.filename} is not hosted by Discord; attach it again`);
    }
    const failed = (why: string) =>
      ValidationFailed.field(field, `${ref.filename} could not be downloaded from Discord (${why}); attach it again`);
    const timedOut = (e: unknown) => e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    const res = await fetch(url, { signal: AbortSignal.timeout(this.limits.timeoutMs ?? 10_000) }).catch(
      (e: unknown) => {
        throw failed(timedOut(e) ? 'timed out' : 'network error');
      },
    );
    if (!res.ok) throw failed(`HTTP ${res.status}`);
    const data = await readCapped(res, this.limits.maxBytes).catch((e: unknown) => {
      throw failed(timedOut(e) ? 'timed out' : 'the download broke off');
    });
    if (data === null)
      throw ValidationFailed.field(field, `${ref.filename} is larger than ${megabytes(this.limits.maxBytes)}`);
    return { filename: ref.filename, contentType: ref.contentType ?? 'application/octet-stream', data };
  }
}
