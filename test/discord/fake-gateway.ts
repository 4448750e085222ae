import type { WebSocket } from 'ws';
import { APP_ID, BOT_USER, type Json } from './discord-ids';
import { asSeenWith, receives } from './gateway-intents';

const HEARTBEAT_INTERVAL_MS = 41_250;
const SESSION_ID = 'fake-session';

interface Sent {
  s: number;
  t: string;
  d: unknown;
}

/**
 * The gateway side of the fake: HELLO on connect, READY after a valid IDENTIFY (no guilds, so the client is
 * ready at once), heartbeats acknowledged, and dispatches with a running sequence. JSON encoding, no compression
 * (zlib-sync is not installed, so discord.js asks for none).
 *
 * Like Discord, it closes an IDENTIFY that asks for a privileged intent the app may not use with 4014 (set
 * `refusedIntents`); sends each session only the dispatches its intents cover, messages without their content
 * unless it has Message Content (./gateway-intents); and takes a RESUME (op 6) on the same session, replaying
 * what was dispatched after the sequence the client gives, or from an earlier one (`interrupt`), which is how a
 * client gets a dispatch it already handled a second time.
 */
export class FakeGateway {
  readonly identifies: Json[] = [];
  readonly resumes: Json[] = [];
  /** Close codes the fake sent, in order. */
  readonly closes: number[] = [];
  heartbeats = 0;
  /** Dispatches sent again on a RESUME, by type. */
  readonly replayed: string[] = [];
  /** Intent bits the app is not allowed (its developer portal switch is off): an IDENTIFY with any is closed 4014. */
  refusedIntents = 0;
  private readonly sockets = new Set<WebSocket>();
  private ready: WebSocket | undefined;
  private intents = 0;
  /** A session was identified: events are kept for a RESUME while its connection is down. */
  private identified = false;
  private seq = 0;
  private session: Sent[] = [];
  private replayFrom: number | undefined;
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

  /** Resolves once a client has identified (or resumed) and been sent READY (or RESUMED). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  /** Sends a dispatch to the identified client; throws when none is connected (a test's set-up went wrong). */
  dispatch(t: string, d: unknown): void {
    if (!this.ready) throw new Error(`no identified gateway connection for ${t}`);
    this.publish(t, d as Json);
  }

  /**
   * Dispatches an event of the server (a message written, a thread started) to the session when its intents
   * cover it; kept for a RESUME while the connection is down. Nothing happens without a session.
   */
  publish(t: string, d: Json): void {
    if (!this.identified) return;
    if (!receives(this.intents, t, d)) return;
    this.onDispatch(t, d);
    const sent = { s: ++this.seq, t, d: asSeenWith(this.intents, t, d) };
    this.session.push(sent);
    this.ready?.send(JSON.stringify({ op: 0, ...sent }));
  }

  /** The last sequence number dispatched. */
  get sequence(): number {
    return this.seq;
  }

  /**
   * Closes the connection as Discord does when it moves a session (4000, which clients resume); on the RESUME,
   * what was dispatched after `replayFrom` is sent again, even what the client had seen.
   */
  interrupt(replayFrom?: number): void {
    this.replayFrom = replayFrom;
    const ws = this.ready;
    this.ready = undefined;
    this.closes.push(4000);
    ws?.close(4000, 'Unknown error');
  }

  /** Ends the session (op 9, not resumable), as Discord may at any time: the client identifies again. */
  invalidateSession(): void {
    const ws = this.ready;
    this.ready = undefined;
    this.identified = false;
    ws?.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
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
    if (m.op === 6) return this.resume(ws, m.d as Json);
    if (m.op === 2) this.identify(ws, m.d as Json);
  }

  private identify(ws: WebSocket, d: Json): void {
    this.identifies.push(d);
    if (d.token !== this.token) return this.closeWith(ws, 4004, 'Authentication failed.');
    if ((Number(d.intents) & this.refusedIntents) !== 0) return this.closeWith(ws, 4014, 'Disallowed intent(s).');
    this.ready = ws;
    this.identified = true;
    this.intents = Number(d.intents);
    this.seq = 0;
    this.session = [];
    this.send(ws, 'READY', {
      v: 10,
      user: { ...BOT_USER, verified: true, mfa_enabled: false, flags: 0 },
      guilds: [],
      session_id: SESSION_ID,
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: APP_ID, flags: 0 },
    });
    for (const w of this.readyWaiters.splice(0)) w();
  }

  private resume(ws: WebSocket, d: Json): void {
    this.resumes.push(d);
    if (d.token !== this.token) return this.closeWith(ws, 4004, 'Authentication failed.');
    if (d.session_id !== SESSION_ID || !this.identified) {
      ws.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
      return;
    }
    this.ready = ws;
    const from = Math.min(Number(d.seq), this.replayFrom ?? Number.POSITIVE_INFINITY);
    this.replayFrom = undefined;
    for (const sent of this.session.filter((e) => e.s > from)) {
      this.replayed.push(sent.t);
      ws.send(JSON.stringify({ op: 0, ...sent }));
    }
    this.send(ws, 'RESUMED', {});
    for (const w of this.readyWaiters.splice(0)) w();
  }

  /** READY and RESUMED: part of the connection, not replayed. */
  private send(ws: WebSocket, t: string, d: unknown): void {
    ws.send(JSON.stringify({ op: 0, s: ++this.seq, t, d }));
  }

  private closeWith(ws: WebSocket, code: number, reason: string): void {
    this.closes.push(code);
    ws.close(code, reason);
  }
}
