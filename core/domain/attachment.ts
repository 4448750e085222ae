export interface AttachmentMeta {
  id: number;
  queryId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface NewAttachment {
  queryId: number;
  filename: string;
  contentType: string;
  data: Uint8Array;
  sha256: string;
  createdAt: Date;
}
