import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';

/**
 * The largest request body the Slack endpoint reads: 1 MiB. Slack's requests are far smaller: a slash
 * command is a few hundred bytes, and the largest is an interactivity payload that echoes a whole view
 * (Block Kit caps a view at 100 blocks, a text at 3,000 characters; this app's views stay under 100 KB).
 * Bolt's own default (4 MB) lets an unsigned sender make the bot buffer and HMAC four times more per request.
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

const CLOSE_GRACE_MS = 500;

/**
 * Bolt's HTTP receiver behind a guard that reads each body first, within the limit: a declared
 * Content-Length over it is answered 413 without reading a byte, a chunked body as soon as the bytes counted
 * pass it. The body is handed to Bolt already read (Bolt uses a request's `rawBody` when it has one), after
 * refusing the one shape Bolt crashes on: a body that is JSON `null` (Bolt reads `body.ssl_check` without a
 * check, the rejection goes unhandled and the request is never answered).
 */
export function bodyLimitedReceiver(o: HTTPReceiverOptions, limit = SLACK_BODY_LIMIT): HTTPReceiver {
  const receiver = new HTTPReceiver({ ...o, bodyLimit: limit });
  const next = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { Connection: 'close', 'Content-Type': 'text/plain' }).end(text);
      // The rest of the body is never kept: the connection closes shortly after the answer (at once, the
      // sender, still writing, would often get a reset instead of the answer).
      res.on('finish', () => setTimeout(() => req.destroy(), CLOSE_GRACE_MS).unref());
    };
    const tooLarge = () => refuse(413, `Request bodies are limited to ${limit} bytes.`);
    if (Number(req.headers['content-length']) > limit) return tooLarge();
    readWithin(req, limit).then(
      (raw) => {
        if (raw === null) return tooLarge();
        if (parsesToNull(raw, req.headers['content-type']))
          return refuse(400, 'The request body is not a Slack payload.');
        next(Object.assign(req, { rawBody: raw }), res);
      },
      () => refuse(400, 'The request body could not be read.'),
    );
  };
  return receiver;
}

/** The whole body, or null as soon as it passes `limit` bytes (reading stops there). */
function readWithin(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData).pause();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Whether Bolt would parse this body (its way: a form's `payload` field as JSON, else the body as JSON) to null. */
function parsesToNull(raw: Buffer, contentType: string | undefined): boolean {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const { payload } = parse(raw.toString());
      return typeof payload === 'string' && JSON.parse(payload) === null;
    }
    return JSON.parse(raw.toString()) === null;
  } catch {
    return false; // Bolt answers 400 to what it cannot parse
  }
}
