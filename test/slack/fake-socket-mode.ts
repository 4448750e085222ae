import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Slack's Socket Mode side of the fake: takes the app's WebSocket (the URL apps.connections.open hands out), greets
 * it with `hello` as Slack does, sends envelopes and waits for their acknowledgements.
 */
export class FakeSocketMode {
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly acks = new Map<string, (ack: Record<string, unknown>) => void>();

  /**
   * @param onConnect told of each connection (the fake records it as a `socket.connect` call).
   * @param nextSeq the fake's one counter, shared with its response_urls and message ts.
   */
  constructor(
    private readonly onConnect: () => void,
    private readonly nextSeq: () => number,
  ) {}

  /** The HTTP server's `upgrade` event: the app opens its socket. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.sockets.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  }

  /**
   * Sends an envelope (`slash_commands`, `interactive`, `events_api`) to the connected app and resolves with its
   * acknowledgement and how long it took.
   */
  async envelope(type: string, payload: unknown): Promise<{ ack: Record<string, unknown>; ms: number }> {
    const [ws] = this.sockets.clients;
    if (!ws) throw new Error('no Socket Mode connection');
    const id = `env-${this.nextSeq()}`;
    const started = performance.now();
    const ack = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${id}`)), 5000);
      this.acks.set(id, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
      ws.send(
        JSON.stringify({
          envelope_id: id,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: 0,
          retry_reason: '',
        }),
      );
    });
    return { ack, ms: performance.now() - started };
  }

  /** Drops every connection and takes no more. */
  close(): void {
    for (const ws of this.sockets.clients) ws.terminate();
    this.sockets.close();
  }

  private connected(ws: WebSocket): void {
    this.onConnect();
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { envelope_id?: string };
      if (m.envelope_id) this.acks.get(m.envelope_id)?.(m as Record<string, unknown>);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0CQMS' },
      }),
    );
  }
}
