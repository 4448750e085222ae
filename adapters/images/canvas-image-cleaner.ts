import type { ImageType } from '../../core/domain/image-type';
import type { CleanImage, ImageCleaner } from '../../core/ports/image-cleaner';

// Re-encoded in their own format, except GIF, which becomes a lossless PNG of its first frame: the canvas's
// GIF encoder quantizes colours again.
const OUTPUT = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/gif': 'png' } as const;
const QUALITY = 90;

/**
 * Skia (through @napi-rs/canvas) decodes the image, applying its EXIF orientation, and the canvas encodes the
 * pixels alone. The canvas loads on the first image, so processes that never take one never carry it, and
 * images are cleaned one at a time: a decoded picture holds 4 bytes a pixel outside the JS heap.
 */
export class CanvasImageCleaner implements ImageCleaner {
  private last: Promise<unknown> = Promise.resolve();

  clean(data: Uint8Array, type: ImageType): Promise<CleanImage | null> {
    const run = this.last.then(() => cleanNow(data, type));
    this.last = run.catch(() => undefined);
    return run;
  }
}

async function cleanNow(data: Uint8Array, type: ImageType): Promise<CleanImage | null> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    return null;
  }
  if (!image.width || !image.height) return null;
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  const format = OUTPUT[type];
  const encoded = format === 'png' ? await canvas.encode('png') : await canvas.encode(format, QUALITY);
  return {
    data: new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength),
    contentType: format === 'png' ? 'image/png' : type,
  };
}
