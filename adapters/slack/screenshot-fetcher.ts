import { ValidationFailed } from '../../core/errors';
import { sniffImageType } from '../../core/domain/image-type';
import type { ScreenshotInput } from '../../core/schemas/query-input';
import { SlackFileFetcher, type SlackFileFetcherOptions } from './file-fetcher';
import type { SlackFileRef } from './inbound';

export type ScreenshotFetcherOptions = SlackFileFetcherOptions;

/**
 * Downloads a file a user attached in a modal (SlackFileFetcher: the bot token, Slack's hosts, the size limit),
 * then keeps it only when its bytes are a PNG, JPEG, GIF or WebP image; problems are field errors on the
 * screenshot input.
 */
export class ScreenshotFetcher {
  private readonly files: SlackFileFetcher;

  constructor(limits: ScreenshotFetcherOptions) {
    this.files = new SlackFileFetcher(limits);
  }

  async fetch(file: SlackFileRef, field = 'screenshot'): Promise<ScreenshotInput> {
    const got = await this.files.fetch(file, field);
    // The bytes decide, not the name or the declared type: a PNG saved as .txt is a PNG, HTML called .png is not.
    const contentType = sniffImageType(got.data);
    if (contentType) return { filename: got.filename, contentType, data: got.data };
    throw ValidationFailed.field(
      field,
      `${file.name} is not a PNG, JPEG, GIF or WebP image${got.servedHtml ? ' (Slack sent a web page: the app may lack the files:read scope)' : ''}`,
    );
  }
}
