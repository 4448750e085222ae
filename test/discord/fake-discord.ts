import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Json } from './discord-ids';
import { FakeChannels } from './fake-channels';
import { channelRoutes } from './fake-channel-routes';
import { FakeGateway } from './fake-gateway';
import { FakeMessages } from './fake-messages';
import { parseBody, send, type Answer, type RecordedRequest, type Route } from './fake-http';
import { messageRoutes } from './fake-routes';
import { InteractionWindow } from './limits/interaction-window';
import type { Refusal } from './limits/refusals';
import { describeViolation, ViolationLedger, type ExpectedRefusal } from './limits/violations';

export type { RecordedRequest, UploadedFile } from './fake-http';

/**
 * A fault a test injects: an answer of its choosing, the connection dropped with no answer ('drop'), or the
 * request carried out and its answer lost on the way back ('lose': the bot cannot know it succeeded).
 */
export type Fault = Answer | 'drop' | 'lose';

/** Fakes not yet checked for refusals; after each test, any the test did not expect fail it. */
const live = new Set<FakeDiscord>();
try {
  afterEach(() => {
    const lines = [...live].flatMap((f) => f.unexpectedRefusals());
    for (const f of live) if (f.closed) live.delete(f);
    if (lines.length)
      throw new Error(`Discord refused ${lines.length} request(s) this test did not expect:\n${lines.join('\n')}`);
  });
} catch {
  // Imported inside a running test: close() still reports.
}

/**
 * A local stand-in for discord.com: the REST API under /api/v10 (gateway info, interaction callbacks, webhook
 * edits and follow-ups, channel messages with multipart attachments, DM channels, command registration), a
 * CDN serving attachment bytes, and the WebSocket gateway (./fake-gateway). Every request is recorded; any
 * route can be made to answer 429 once, and users can close their DMs (403, code 50007).
 *
 * Like Discord, it refuses what breaks Discord's limits (./limits): message, embed, component, modal and
 * command bodies (400, code 50035, the field named), empty messages (50006), a second first answer (40060),
 * a first answer after 3 s (10062), a token past 15 minutes (50027). Each refusal is recorded; one the test
 * did not declare with expectRefusal() fails it (after each test, and at close()). There is no switch.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Attachment downloads from the CDN (paths). */
  readonly cdnHits: string[] = [];
  /** Delay before an attachment download is answered (a slow CDN). */
  cdnDelayMs = 0;
  readonly gateway: FakeGateway;
  /** The messages kept, by channel (users' messages are kept here by the test's driver). */
  readonly box: FakeMessages;
  /** Text channels, threads started from messages, DM channels. */
  readonly channels: FakeChannels;
  private readonly cdn = new Map<string, { data: Uint8Array; contentType: string }>();
  private readonly limits: { match: (method: string, path: string) => boolean; retryAfter: number }[] = [];
  private readonly closedDms = new Set<string>();
  private readonly dmOf = new Map<string, string>();
  private readonly routes: Route[];
  private readonly faults: { match: (method: string, path: string) => boolean; fault: Fault }[] = [];
  private readonly ledger = new ViolationLedger();
  private readonly window: InteractionWindow;
  private clockOffsetMs = 0;
  closed = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly token: string,
  ) {
    this.box = new FakeMessages(url);
    this.channels = new FakeChannels(() => this.now());
    this.window = new InteractionWindow(() => this.now());
    this.gateway = new FakeGateway(`${url.replace('http', 'ws')}/gateway`, token, (t, d) => {
      if (t === 'INTERACTION_CREATE') this.window.dispatched(d as Json);
    });
    this.routes = this.buildRoutes();
    live.add(this);
  }

  static async start(token = 'fake-bot-token'): Promise<FakeDiscord> {
    let fake: FakeDiscord | undefined;
    const sockets = new WebSocketServer({ noServer: true });
    const server = createServer((req, res) => void fake!.handle(req, res));
    server.on('upgrade', (req, socket, head) =>
      sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => fake!.gateway.accept(ws)),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    fake = new FakeDiscord(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token);
    return fake;
  }

  /** What DISCORD_API_URL is set to: discord.js adds /v10. */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  /** channel id -> message id -> the message as last written. */
  get messages(): Map<string, Map<string, Json>> {
    return this.box.byChannel;
  }

  /** Hosts bytes the way Discord's CDN hosts an uploaded attachment; returns its url. */
  serveAttachment(id: string, filename: string, data: Uint8Array, contentType: string): string {
    this.cdn.set(id, { data, contentType });
    return `${this.url}/attachments/900/${id}/${encodeURIComponent(filename)}`;
  }

  /** The next request matching is answered 429 with this retry_after (seconds), as Discord does. */
  rateLimitNext(method: string, path: RegExp, retryAfterSec: number): void {
    this.limits.push({ match: (m, p) => m === method && path.test(p), retryAfter: retryAfterSec });
  }

  /** The next request matching gets this answer instead (or its connection dropped); not counted as a refusal. */
  failNext(method: string, path: RegExp, fault: Fault): void {
    this.faults.push({ match: (m, p) => m === method && path.test(p), fault });
  }

  /** The test provokes this refusal on purpose: one matching refusal does not fail it. */
  expectRefusal(e: ExpectedRefusal): void {
    this.ledger.expect(e);
  }

  /** Every refusal so far, expected or not. */
  get refusals() {
    return this.ledger.all;
  }

  /** Refusals the test did not declare, each handed out once (described for a failure message). */
  unexpectedRefusals(): string[] {
    return this.ledger.takeUnexpected().map(describeViolation);
  }

  /** Discord's clock as the fake keeps it: interactions age with it (3 s to answer, 15 minutes of token). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** This user has closed their DMs: messages to their DM channel are refused (403, code 50007). */
  closeDms(userId: string): void {
    this.closedDms.add(userId);
  }

  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** The interaction callback (reply, defer, update, modal, autocomplete) for one interaction id. */
  callbackOf(interactionId: string): RecordedRequest | undefined {
    return this.requests.find((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interactionId}/`));
  }

  /** The DM channel the fake created for a user, if any. */
  dmChannelOf(userId: string): string | undefined {
    return this.dmOf.get(userId);
  }

  /** The user's DM channel with the bot, opened as the user's client would open it. */
  openDm(userId: string): string {
    if (!this.dmOf.has(userId)) this.dmOf.set(userId, this.channels.dm(this.box.id(), userId).id as string);
    return this.dmOf.get(userId)!;
  }

  /** Threads started from messages (POST /channels/{id}/messages/{id}/threads that succeeded), in order. */
  get threads(): Json[] {
    return this.channels.threads;
  }

  async waitFor<T>(probe: () => T | undefined | null | false, what = 'a request', timeoutMs = 8000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > until)
        throw new Error(
          `timed out waiting for ${what}; requests so far:\n${this.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join('\n')}`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Closes the fake; rejects, listing them, when refusals the test did not expect are left unreported. */
  async close(): Promise<void> {
    this.closed = true;
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    const left = this.unexpectedRefusals();
    live.delete(this);
    if (left.length) throw new Error(`Discord refused ${left.length} request(s) nobody expected:\n${left.join('\n')}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const u = new URL(req.url ?? '/', this.url);
    const cdn = /^\/attachments\/\d+\/(\d+)\//.exec(u.pathname);
    if (cdn) {
      this.cdnHits.push(u.pathname);
      if (this.cdnDelayMs) await new Promise((r) => setTimeout(r, this.cdnDelayMs));
      const file = this.cdn.get(cdn[1]!);
      if (!file) return send(res, 404, { message: '404: Not Found', code: 0 });
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.data.byteLength) });
      res.end(Buffer.from(file.data));
      return;
    }
    const api = /^\/api\/v10(\/.*)$/.exec(u.pathname);
    if (!api) return send(res, 404, { message: '404: Not Found', code: 0 });
    const method = req.method ?? 'GET';
    const { body, files } = await parseBody(req.headers['content-type'], raw);
    const r: RecordedRequest = {
      method,
      path: decodeURIComponent(api[1]!),
      query: u.searchParams,
      headers: req.headers,
      body,
      files,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(r);
    const fault = this.faults.findIndex((f) => f.match(method, r.path));
    const lose = fault >= 0 && this.faults[fault]!.fault === 'lose';
    if (fault >= 0 && !lose) {
      const f = this.faults.splice(fault, 1)[0]!.fault as Answer | 'drop';
      if (f === 'drop') {
        r.status = -1;
        req.socket.destroy();
        return;
      }
      r.status = f.status;
      return send(res, f.status, f.body);
    }
    const limit = this.limits.findIndex((l) => l.match(method, r.path));
    if (limit >= 0) {
      const { retryAfter } = this.limits.splice(limit, 1)[0]!;
      r.status = 429;
      res.writeHead(429, {
        'Content-Type': 'application/json',
        'Retry-After': String(Math.ceil(retryAfter)),
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset-After': String(retryAfter),
        'X-RateLimit-Bucket': 'fakebucket',
        'X-RateLimit-Scope': 'user',
      });
      res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: false }));
      return;
    }
    for (const route of this.routes) {
      const m = route.method === method ? route.pattern.exec(r.path) : null;
      if (!m) continue;
      const out = this.refused(route.answer(m, r), r);
      r.status = out.status;
      if (lose) {
        this.faults.splice(fault, 1);
        req.socket.destroy();
        return;
      }
      return send(res, out.status, out.body);
    }
    r.status = 404;
    send(res, 404, { message: '404: Not Found', code: 0 });
  }

  private buildRoutes(): Route[] {
    const ok = (body?: unknown) => ({ status: body === undefined ? 204 : 200, body });
    return [
      {
        method: 'GET',
        pattern: /^\/gateway\/bot$/,
        answer: (_m, r) =>
          r.headers.authorization === `Bot ${this.token}`
            ? ok({
                url: this.gateway.url,
                shards: 1,
                session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
              })
            : { status: 401, body: { message: '401: Unauthorized', code: 0 } },
      },
      ...messageRoutes({
        box: this.box,
        window: this.window,
        closedDmChannel: (ch) => this.closedDmChannel(ch),
        echo: (t, msg) => this.echo(t, msg),
        now: () => this.now(),
      }),
      ...channelRoutes({
        box: this.box,
        channels: this.channels,
        threadCreated: (thread) => this.gateway.publish('THREAD_CREATE', { ...thread, newly_created: true }),
      }),
      {
        method: 'POST',
        pattern: /^\/users\/@me\/channels$/,
        answer: (_m, r) => ok(this.channels.get(this.openDm(String(r.body.recipient_id)))),
      },
    ];
  }

  /** The bot's own channel messages reach it through the gateway as well, as on Discord. */
  private echo(t: string, msg: Json): void {
    const guildId = this.channels.guildOf(String(msg.channel_id));
    this.gateway.publish(t, { ...msg, ...(guildId ? { guild_id: guildId } : {}) });
  }

  private closedDmChannel(channel: string): boolean {
    const user = [...this.dmOf].find(([, ch]) => ch === channel)?.[0];
    return user !== undefined && this.closedDms.has(user);
  }

  /** Refusals from the checks are the bot's fault: recorded (set-up answers such as closed DMs are not). */
  private refused(out: Answer | Refusal, r: RecordedRequest): Answer {
    const code = (out.body as { code?: number } | undefined)?.code;
    if (out.status >= 400 && code !== undefined && REFUSAL_CODES.has(code))
      this.ledger.record({ method: r.method, path: r.path, refusal: out as Refusal });
    return out;
  }
}

/** Codes only the limit and interaction checks answer with. */
const REFUSAL_CODES = new Set([50035, 50006, 40060, 10062, 50027, 10015]);
