import type { WebSocket } from 'ws';
import { APP_ID, BOT_USER, type Json } from './discord-ids';

const HEARTBEAT_INTERVAL_MS = 41_250;

/**
 * The gateway side of the fake: HELLO on connect, READY after a valid IDENTIFY (no guilds, so the client is
 * ready at once), heartbeats acknowledged, and dispatches (INTERACTION_CREATE) with a running sequence.
 * JSON encoding, no compression (zlib-sync is not installed, so discord.js asks for none).
 */
export class FakeGateway {
  readonly identifies: Json[] = [];
  heartbeats = 0;
  private readonly sockets = new Set<WebSocket>();
  private ready: WebSocket | undefined;
  private seq = 0;
  private readyWaiters: (() => void)[] = [];

  constructor(
    readonly url: string,
    private readonly token: string,
    /** Told of every dispatch (the fake's REST side starts an interaction's clock from it). */
    private readonly onDispatch: (t: string, d: unknown) => void = () => undefined,
  ) {}

  accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      if (this.ready === ws) this.ready = undefined;
    });
    ws.on('message', (data) => this.received(ws, JSON.parse(String(data)) as { op: number; d: unknown }));
    ws.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } }));
  }

  /** Resolves once a client has identified and been sent READY. */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  /** Sends a dispatch to the identified client. */
  dispatch(t: string, d: unknown): void {
    if (!this.ready) throw new Error(`no identified gateway connection for ${t}`);
    this.onDispatch(t, d);
    this.ready.send(JSON.stringify({ op: 0, s: ++this.seq, t, d }));
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  private received(ws: WebSocket, m: { op: number; d: unknown }): void {
    if (m.op === 1) {
      this.heartbeats += 1;
      ws.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
      return;
    }
    if (m.op !== 2) return;
    const d = m.d as Json;
    this.identifies.push(d);
    if (d.token !== this.token) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    this.ready = ws;
    this.seq = 0;
    this.dispatchTo(ws, 'READY', {
      v: 10,
      user: { ...BOT_USER, verified: true, mfa_enabled: false, flags: 0 },
      guilds: [],
      session_id: 'fake-session',
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: APP_ID, flags: 0 },
    });
    for (const w of this.readyWaiters.splice(0)) w();
  }

  private dispatchTo(ws: WebSocket, t: string, d: unknown): void {
    ws.send(JSON.stringify({ op: 0, s: ++this.seq, t, d }));
  }
}
