import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';

/**
 * The largest request body the Slack endpoint reads: 1 MiB. Slack's requests are far smaller: a slash
 * command is a few hundred bytes, and the largest is an interactivity payload that echoes a whole view
 * (Block Kit caps a view at 100 blocks, a text at 3,000 characters; this app's views stay under 100 KB).
 * Bolt's own default (4 MB) lets an unsigned sender make the bot buffer and HMAC four times more per request.
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/**
 * Bolt's HTTP receiver with the body limit applied before anything is parsed or verified: a declared
 * Content-Length over the limit is answered 413 without reading a byte, and a chunked body is counted while
 * Bolt buffers it (Bolt answers 413 and stops reading as soon as it passes the limit).
 */
export function bodyLimitedReceiver(o: HTTPReceiverOptions, limit = SLACK_BODY_LIMIT): HTTPReceiver {
  const receiver = new HTTPReceiver({ ...o, bodyLimit: limit });
  const next = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length']) > limit) {
      res.writeHead(413, { Connection: 'close', 'Content-Type': 'text/plain' }).end(`Request bodies are limited to ${limit} bytes.`);
      // The rest of the body is never read: the connection closes with the answer.
      res.on('finish', () => req.destroy());
      return;
    }
    next(req, res);
  };
  return receiver;
}
