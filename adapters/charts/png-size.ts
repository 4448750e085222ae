import { sniffImageType } from '../../core/domain/image-type';

/** Width and height from a PNG's IHDR chunk (bytes 16..23); null when the bytes are not a PNG. */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (sniffImageType(b) !== 'image/png' || b.length < 24) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ihdr = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (ihdr !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
