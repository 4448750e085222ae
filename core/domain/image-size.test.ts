import { declaredPixelSize } from './image-size';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('declaredPixelSize', () => {
  it('reads a PNG header (IHDR, big-endian)', () => {
    const png = bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0, 0, 0, 13],
      'IHDR',
      [0, 0, 0x9c, 0x40],
      [0, 0, 0x75, 0x30],
      [8, 6, 0, 0, 0],
    );
    expect(declaredPixelSize(png, 'image/png')).toEqual({ width: 40000, height: 30000 });
  });

  it('reads a GIF header (little-endian)', () => {
    expect(declaredPixelSize(bytes('GIF89a', [0x20, 0x03, 0x58, 0x02]), 'image/gif')).toEqual({
      width: 800,
      height: 600,
    });
  });

  it('finds the frame of a JPEG past its other segments', () => {
    const app0 = [0xff, 0xe0, 0, 6, 0x4a, 0x46, 0x49, 0x46];
    const dht = [0xff, 0xc4, 0, 4, 0, 0];
    const sof2 = [0xff, 0xc2, 0, 11, 8, 0x0f, 0xa0, 0x0b, 0xb8, 3, 0, 0, 0, 0];
    expect(declaredPixelSize(bytes([0xff, 0xd8], app0, dht, sof2), 'image/jpeg')).toEqual({
      width: 3000,
      height: 4000,
    });
    expect(declaredPixelSize(bytes([0xff, 0xd8], app0), 'image/jpeg')).toBeNull();
  });

  it('reads the three WebP headers', () => {
    const riff = (chunk: string, body: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body);
    expect(declaredPixelSize(riff('VP8X', [0, 0, 0, 0, 0x1f, 0x03, 0, 0x57, 0x02, 0, 0, 0]), 'image/webp')).toEqual({
      width: 800,
      height: 600,
    });
    expect(
      declaredPixelSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02, 0, 0]), 'image/webp'),
    ).toEqual({ width: 800, height: 600 });
    // VP8L: a signature byte, then 14 bits of width - 1 and 14 of height - 1.
    const w = 799;
    const h = 599;
    const packed = w | (h << 14);
    expect(
      declaredPixelSize(
        riff('VP8L', [
          0x2f,
          packed & 0xff,
          (packed >> 8) & 0xff,
          (packed >> 16) & 0xff,
          (packed >> 24) & 0xff,
          0,
          0,
          0,
          0,
          0,
          0,
        ]),
        'image/webp',
      ),
    ).toEqual({ width: 800, height: 600 });
  });
});
