import { createHash } from 'node:crypto';
import { declaredPixelSize } from '../domain/image-size';
import { megabytes, sniffImageType } from '../domain/image-type';
import { ValidationFailed } from '../errors';
import type { ImageCleaner } from '../ports/image-cleaner';
import type { ScreenshotInput } from '../schemas/query-input';

/** Decoding needs 4 bytes a pixel: 20 megapixels (a 5K screen) is 80 MB for the moment it takes. */
export const MAX_SCREENSHOT_PIXELS = 20_000_000;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export interface CheckedScreenshot {
  filename: string;
  contentType: string;
  data: Uint8Array;
  sha256: string;
}

/**
 * A screenshot as it is stored: its type read from its bytes (not the sender's word), its size checked
 * before decoding, and its pixels re-encoded, so that metadata and anything appended to the image are gone.
 * `field` names the file in a refusal: the form's field, or the file's own name for a message's files.
 */
export async function checkedScreenshot(
  s: ScreenshotInput,
  maxBytes: number,
  images: ImageCleaner,
  field = 'screenshot',
): Promise<CheckedScreenshot> {
  if (s.data.byteLength === 0) throw ValidationFailed.field(field, 'the file is empty');
  if (s.data.byteLength > maxBytes) {
    throw ValidationFailed.field(
      field,
      `the file is ${megabytes(s.data.byteLength)}; the limit is ${megabytes(maxBytes)}`,
    );
  }
  const type = sniffImageType(s.data);
  if (!type) throw ValidationFailed.field(field, 'the file is not a PNG, JPEG, GIF or WebP image');
  const size = declaredPixelSize(s.data, type);
  if (!size || size.width === 0 || size.height === 0)
    throw ValidationFailed.field(field, 'the image is damaged (its size cannot be read)');
  if (size.width * size.height > MAX_SCREENSHOT_PIXELS) {
    throw ValidationFailed.field(
      field,
      `the image is ${size.width} x ${size.height} pixels; the limit is ${MAX_SCREENSHOT_PIXELS / 1_000_000} megapixels`,
    );
  }
  const clean = await images.clean(s.data, type);
  if (!clean) throw ValidationFailed.field(field, 'the image is damaged and cannot be read');
  return {
    filename: storedName(s.filename, EXTENSIONS[clean.contentType]!),
    contentType: clean.contentType,
    data: clean.data,
    sha256: sha256Of(clean.data),
  };
}

export function sha256Of(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The sender's name without path or control characters, its extension following the type stored. */
export function storedName(name: string, ext: string, fallback = 'screenshot'): string {
  const safe = name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || fallback;
  const dot = safe.lastIndexOf('.');
  const base = dot > 0 ? safe.slice(0, dot) : safe;
  return `${base}.${ext}`;
}
