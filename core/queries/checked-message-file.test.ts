import { ValidationFailed } from '../errors';
import type { ImageCleaner } from '../ports/image-cleaner';
import { checkedMessageFile } from './checked-message-file';

const MB = 1024 * 1024;
const bytes = (s: string) => new TextEncoder().encode(s);
/** Images are the screenshot check's business (tested with the real cleaner); these files never reach it. */
const noImages: ImageCleaner = {
  clean: async () => {
    throw new Error('not an image test');
  },
};
const check = (filename: string, data: Uint8Array) => checkedMessageFile({ filename, data }, 5 * MB, noImages);

describe('files sent with a message', () => {
  it('keeps a PDF and a UTF-8 text file, typed by their bytes, named safely', async () => {
    expect(await check('../../etc/report.PDF', bytes('%PDF-1.4 ...'))).toMatchObject({
      filename: '.._.._etc_report.pdf',
      contentType: 'application/pdf',
    });
    expect(await check('notes', bytes('ünïcödé\r\nlines'))).toMatchObject({
      filename: 'notes.txt',
      contentType: 'text/plain; charset=utf-8',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([
    ['a NUL byte', Uint8Array.from([0x61, 0x00, 0x62])],
    ['invalid UTF-8', Uint8Array.from([0xc3, 0x28])],
    ['a ZIP', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00])],
  ])('refuses %s, naming the file', async (_what, data) => {
    await expect(check('thing.txt', data)).rejects.toThrow(
      '"thing.txt": only images (PNG, JPEG, GIF, WebP), PDF documents and plain text files can be sent; this file is none of them',
    );
  });

  it('refuses empty files and files over the limit, whatever they hold', async () => {
    await expect(check('empty.txt', new Uint8Array())).rejects.toThrow(ValidationFailed);
    await expect(check('big.pdf', new Uint8Array(5 * MB + 1).fill(0x25))).rejects.toThrow(
      '"big.pdf": the file is 5.1 MB; the limit is 5.0 MB',
    );
  });
});
