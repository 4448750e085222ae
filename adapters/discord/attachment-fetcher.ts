import { ValidationFailed } from '../../core/errors';
import type { AttachmentRef } from './inbound';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

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

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/**
 * Gets an uploaded screenshot's bytes from Discord's CDN: refused at once when its declared size or type is
 * wrong, fetched only from Discord's hosts (the URL comes from the payload), stopped past the size limit.
 * Core checks the bytes themselves again.
 */
export class AttachmentFetcher {
  constructor(private readonly o: AttachmentFetcherOptions) {}

  checkDeclared(ref: AttachmentRef, field: string): void {
    const type = (ref.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!IMAGE_TYPES.includes(type)) {
      throw ValidationFailed.field(field, `${field} must be a PNG, JPEG, GIF or WebP image (${ref.filename} is ${type || 'of an unknown type'})`);
    }
    if (ref.size > this.o.maxBytes) throw ValidationFailed.field(field, `${ref.filename} is ${mb(ref.size)} MB; the limit is ${mb(this.o.maxBytes)} MB`);
  }

  async fetch(ref: AttachmentRef, field: string): Promise<DownloadedFile> {
    this.checkDeclared(ref, field);
    const url = new URL(ref.url);
    if (!this.o.allowedHosts.includes(url.host) || !/^https?:$/.test(url.protocol)) {
      throw ValidationFailed.field(field, `${ref.filename} is not hosted by Discord; attach it again`);
    }
    const failed = (why: string) => ValidationFailed.field(field, `${ref.filename} could not be downloaded from Discord (${why}); attach it again`);
    const res = await fetch(url, { signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000) }).catch((e: unknown) => {
      throw failed(e instanceof Error && e.name === 'TimeoutError' ? 'timed out' : 'network error');
    });
    if (!res.ok || !res.body) throw failed(`HTTP ${res.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > this.o.maxBytes) throw ValidationFailed.field(field, `${ref.filename} is larger than ${mb(this.o.maxBytes)} MB`);
      chunks.push(chunk);
    }
    return { filename: ref.filename, contentType: (ref.contentType ?? '').split(';')[0]!.trim(), data: new Uint8Array(Buffer.concat(chunks)) };
  }
}
