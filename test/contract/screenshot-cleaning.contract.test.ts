import { createCanvas, loadImage } from '@napi-rs/canvas';
import { createQuery } from '../../core/queries/create-query';
import type { Actor } from '../../core/domain/actor';
import { withExif } from '../support/exif-jpeg';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

async function photo(): Promise<Buffer> {
  const canvas = createCanvas(64, 48);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#3366cc';
  ctx.fillRect(0, 0, 64, 48);
  return withExif(await canvas.encode('jpeg', 90), { orientation: 1, gps: { lat: [12, 58, 17], lon: [77, 35, 40] } });
}

/** A PNG signature and header declaring 100,000 x 100,000 pixels: 40 GB once decoded. */
function bombHeader(): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(b);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(100_000, 16);
  b.writeUInt32BE(100_000, 20);
  return b;
}

describe.each(STORE_KINDS)('screenshots stored on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let alice: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    alice = await makeActor(deps, 'client', 'alice');
  });
  afterAll(() => ts.dispose());

  const raise = (screenshot: { filename: string; data: Uint8Array }) =>
    createQuery(deps, alice, {
      category: 'Login Issue',
      heading: 'Cannot sign in',
      description: 'See the picture',
      screenshot,
    });

  it('are re-encoded: a phone photo loses its GPS position, a PNG what was appended to it', async () => {
    const { screenshot } = await raise({ filename: 'IMG_0042.JPG', data: await photo() });
    const stored = await ts.store.attachments.read(screenshot!.id);
    expect(stored?.meta).toMatchObject({ contentType: 'image/jpeg', filename: 'IMG_0042.jpg' });
    expect(Buffer.from(stored!.data).includes(Buffer.from('Exif'))).toBe(false);
    expect((await loadImage(Buffer.from(stored!.data))).width).toBe(64);

    const canvas = createCanvas(8, 8);
    const png = await canvas.encode('png');
    const appended = await raise({
      filename: 'page.png',
      data: Buffer.concat([png, Buffer.from('<html><body onload=alert(1)></html>')]),
    });
    const clean = await ts.store.attachments.read(appended.screenshot!.id);
    expect(Buffer.from(clean!.data).includes(Buffer.from('<html'))).toBe(false);
  });

  it('refuses an image too large to decode, and one that does not decode, saving nothing', async () => {
    await expect(raise({ filename: 'bomb.png', data: bombHeader() })).rejects.toThrow(
      'screenshot: the image is 100000 x 100000 pixels; the limit is 20 megapixels',
    );
    const damaged = Buffer.concat([(await createCanvas(8, 8).encode('png')).subarray(0, 40)]);
    await expect(raise({ filename: 'cut.png', data: damaged })).rejects.toThrow(
      'screenshot: the image is damaged and cannot be read',
    );
  });
});
