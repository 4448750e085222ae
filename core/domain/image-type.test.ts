import fc from 'fast-check';
import { megabytes, sniffImageType } from './image-type';

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('image sniffing by content', () => {
  it('recognizes PNG, JPEG, GIF and WebP signatures', () => {
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a....'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses anything else, whatever its name', () => {
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('<!doctype html><html>'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('GIF88a'))).toBeNull();
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  it('recognizes GIF87a and a signature followed by anything', () => {
    expect(sniffImageType(new TextEncoder().encode('GIF87a'))).toBe('image/gif');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...tail]);
        expect(sniffImageType(png)).toBe('image/png');
        // Only PNG and JPEG signatures have bytes outside printable ASCII; random text is not a GIF or WebP either.
        expect(
          sniffImageType(new TextEncoder().encode(String.fromCharCode(...tail.map((b) => 32 + (b % 95))))),
        ).toBeNull();
      }),
    );
  });

  it('states sizes rounded up, so one byte past the limit never reads as the limit', () => {
    expect(megabytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(megabytes(5 * 1024 * 1024 + 1)).toBe('5.1 MB');
    expect(megabytes(6 * 1024 * 1024)).toBe('6.0 MB');
  });
});
