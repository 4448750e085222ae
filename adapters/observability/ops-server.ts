import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpsHandler } from './ops-routes';

export interface OpsServer {
  /** e.g. http://127.0.0.1:3001 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A small HTTP server of its own for the ops endpoints, where no other server runs: the worker, and the bot
 * when Slack uses Socket Mode or only Discord is configured. Anything else is a 404.
 */
export async function startOpsServer(handle: OpsHandler, opts: { port: number; host?: string }): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const a = server.address() as AddressInfo;
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return {
    url: `http://${host === '[::]' ? '127.0.0.1' : host === '0.0.0.0' ? '127.0.0.1' : host}:${a.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
