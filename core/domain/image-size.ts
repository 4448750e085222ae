import type { ImageType } from './image-type';

export interface PixelSize {
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const le16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, at: number) => le16(b, at) | ((b[at + 2] ?? 0) << 16);
const be32 = (b: Uint8Array, at: number) => ((be16(b, at) << 16) >>> 0) + be16(b, at + 2);

function jpegSize(b: Uint8Array): PixelSize | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: be16(b, at + 5), width: be16(b, at + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    at += 2 + be16(b, at + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): PixelSize | null {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const [b1, b2, b3, b4] = [b[21] ?? 0, b[22] ?? 0, b[23] ?? 0, b[24] ?? 0];
    return { width: 1 + (b1 | ((b2 & 0x3f) << 8)), height: 1 + ((b2 >> 6) | (b3 << 2) | ((b4 & 0x0f) << 10)) };
  }
  if (chunk === 'VP8X') return { width: 1 + le24(b, 24), height: 1 + le24(b, 27) };
  return null;
}

/**
 * The pixel size an image's header declares, read before anything decodes it: a few kilobytes can declare
 * a picture that needs gigabytes once decoded. Null when the header is not where the format puts it.
 */
export function declaredPixelSize(b: Uint8Array, type: ImageType): PixelSize | null {
  switch (type) {
    case 'image/png':
      return b.length >= 24 ? { width: be32(b, 16), height: be32(b, 20) } : null;
    case 'image/gif':
      return b.length >= 10 ? { width: le16(b, 6), height: le16(b, 8) } : null;
    case 'image/webp':
      return b.length >= 30 ? webpSize(b) : null;
    case 'image/jpeg':
      return jpegSize(b);
  }
}
