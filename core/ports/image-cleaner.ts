import type { ImageType } from '../domain/image-type';

export interface CleanImage {
  data: Uint8Array;
  contentType: ImageType;
}

/**
 * Decodes an image and encodes its pixels afresh: what was not picture (camera metadata such as GPS
 * positions, comments, bytes appended after the image) does not survive. Null when the bytes do not decode.
 */
export interface ImageCleaner {
  clean(data: Uint8Array, type: ImageType): Promise<CleanImage | null>;
}
