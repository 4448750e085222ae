import { createCanvas, loadImage } from '@napi-rs/canvas';
import { withExif } from '../../test/support/exif-jpeg';
import { CanvasImageCleaner } from './canvas-image-cleaner';

const cleaner = new CanvasImageCleaner();

/** 40 x 20: red on the left half, blue on the right. */
async function picture(format: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<Buffer> {
  const canvas = createCanvas(40, 20);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ff0000';
  ctx.fillRect(0, 0, 20, 20);
  ctx.fillStyle = '#0000ff';
  ctx.fillRect(20, 0, 20, 20);
  if (format === 'gif') return canvas.encode('gif');
  return format === 'png' ? canvas.encode('png') : canvas.encode(format, 90);
}

const has = (data: Uint8Array, text: string) => Buffer.from(data).includes(Buffer.from(text, 'latin1'));

describe('CanvasImageCleaner', () => {
  it('strips EXIF (a GPS position) from a JPEG and keeps its orientation in the pixels', async () => {
    const photo = withExif(await picture('jpeg'), { orientation: 6, gps: { lat: [48, 51, 29], lon: [2, 17, 40] } });
    expect(has(photo, 'Exif')).toBe(true);
    const clean = await cleaner.clean(photo, 'image/jpeg');
    expect(clean?.contentType).toBe('image/jpeg');
    expect(has(clean!.data, 'Exif')).toBe(false);
    expect(Buffer.from(clean!.data).indexOf(Buffer.from([0xff, 0xe1]))).toBe(-1);
    const image = await loadImage(Buffer.from(clean!.data));
    expect([image.width, image.height]).toEqual([20, 40]);
  });

  it('drops what follows a PNG (an HTML page appended to it)', async () => {
    const png = await picture('png');
    const polyglot = Buffer.concat([png, Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
    const clean = await cleaner.clean(polyglot, 'image/png');
    expect(clean?.contentType).toBe('image/png');
    expect(has(clean!.data, '<html')).toBe(false);
    expect(Buffer.from(clean!.data.subarray(-8)).toString('latin1', 0, 4)).toBe('IEND');
  });

  it('keeps WebP as WebP and turns a GIF into a PNG of its first frame', async () => {
    expect((await cleaner.clean(await picture('webp'), 'image/webp'))?.contentType).toBe('image/webp');
    const gif = await cleaner.clean(await picture('gif'), 'image/gif');
    expect(gif?.contentType).toBe('image/png');
    const image = await loadImage(Buffer.from(gif!.data));
    expect([image.width, image.height]).toEqual([40, 20]);
  });

  it('answers null for bytes that only start like an image', async () => {
    const png = await picture('png');
    expect(await cleaner.clean(png.subarray(0, 40), 'image/png')).toBeNull();
    expect(
      await cleaner.clean(Buffer.concat([png.subarray(0, 8), Buffer.from('<html></html>')]), 'image/png'),
    ).toBeNull();
  });
});
