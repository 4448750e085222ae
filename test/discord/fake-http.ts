import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Json } from './discord-ids';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** One REST request the bot made, as Discord would have received it. */
export interface RecordedRequest {
  method: string;
  /** Below /api/v10, e.g. /channels/123/messages. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The JSON body, or a multipart request's payload_json. */
  body: Json;
  files: UploadedFile[];
  status: number;
  at: number;
}

export interface Answer {
  status: number;
  body?: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  answer: (m: RegExpExecArray, r: RecordedRequest) => Answer;
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** JSON, or multipart with payload_json and files[n] (parsed with the platform's own FormData reader). */
export async function parseBody(type: string | undefined, raw: Buffer): Promise<{ body: Json; files: UploadedFile[] }> {
  if (!raw.length) return { body: {}, files: [] };
  if (type?.startsWith('application/json')) return { body: JSON.parse(raw.toString('utf8')) as Json, files: [] };
  if (type?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: UploadedFile[] = [];
    let body: Json = {};
    for (const [field, value] of form.entries()) {
      if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value) as Json;
      else if (typeof value !== 'string')
        files.push({
          field,
          filename: value.name,
          contentType: value.type,
          data: Buffer.from(await value.arrayBuffer()),
        });
    }
    return { body, files };
  }
  return { body: { raw: raw.toString('utf8') }, files: [] };
}
