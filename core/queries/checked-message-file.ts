import { megabytes, sniffImageType } from '../domain/image-type';
import { ValidationFailed } from '../errors';
import type { ImageCleaner } from '../ports/image-cleaner';
import { checkedScreenshot, sha256Of, storedName, type CheckedScreenshot } from './checked-screenshot';

export interface MessageFileInput {
  filename: string;
  data: Uint8Array;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file sent with a conversation message, as it is stored. The type is read from the bytes, never taken from
 * the sender: images are checked and re-encoded as screenshots are; a PDF must start as one; plain text must
 * be valid UTF-8 without NUL bytes. Anything else is refused, the refusal naming the file.
 */
export async function checkedMessageFile(
  f: MessageFileInput,
  maxBytes: number,
  images: ImageCleaner,
): Promise<CheckedScreenshot> {
  const field = `"${f.filename.slice(0, 100)}"`;
  if (sniffImageType(f.data)) return checkedScreenshot(f, maxBytes, images, field);
  if (f.data.byteLength === 0) throw ValidationFailed.field(field, 'the file is empty');
  if (f.data.byteLength > maxBytes)
    throw ValidationFailed.field(
      field,
      `the file is ${megabytes(f.data.byteLength)}; the limit is ${megabytes(maxBytes)}`,
    );
  const type = PDF_MAGIC.every((b, i) => f.data[i] === b)
    ? 'application/pdf'
    : isPlainText(f.data)
      ? 'text/plain'
      : null;
  if (!type)
    throw ValidationFailed.field(
      field,
      'only images (PNG, JPEG, GIF, WebP), PDF documents and plain text files can be sent; this file is none of them',
    );
  return {
    filename: storedName(f.filename, type === 'application/pdf' ? 'pdf' : 'txt', 'file'),
    contentType: type === 'text/plain' ? 'text/plain; charset=utf-8' : type,
    data: f.data,
    sha256: sha256Of(f.data),
  };
}

function isPlainText(data: Uint8Array): boolean {
  if (data.includes(0)) return false;
  try {
    utf8.decode(data);
    return true;
  } catch {
    return false;
  }
}
