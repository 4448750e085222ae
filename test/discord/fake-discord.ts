import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_ID, BOT_USER, type Json } from './discord-ids';
import { FakeGateway } from './fake-gateway';

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

interface Route {
  method: string;
  pattern: RegExp;
  answer: (m: RegExpExecArray, r: RecordedRequest) => { status: number; body?: unknown };
}

/**
 * A local stand-in for discord.com: the REST API under /api/v10 (gateway info, interaction callbacks, webhook
 * edits and follow-ups, channel messages with multipart attachments, DM channels, command registration), a
 * CDN serving attachment bytes, and the WebSocket gateway (./fake-gateway). Every request is recorded; any
 * route can be made to answer 429 once, and users can close their DMs (403, code 50007).
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Attachment downloads from the CDN (paths). */
  readonly cdnHits: string[] = [];
  /** Delay before an attachment download is answered (a slow CDN). */
  cdnDelayMs = 0;
  readonly gateway: FakeGateway;
  /** channel id -> message id -> the message as last written. */
  readonly messages = new Map<string, Map<string, Json>>();
  private readonly cdn = new Map<string, { data: Uint8Array; contentType: string }>();
  private readonly limits: { match: (method: string, path: string) => boolean; retryAfter: number }[] = [];
  private readonly closedDms = new Set<string>();
  private readonly dmOf = new Map<string, string>();
  private readonly routes: Route[];
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly token: string,
  ) {
    this.gateway = new FakeGateway(`${url.replace('http', 'ws')}/gateway`, token);
    this.routes = this.buildRoutes();
  }

  static async start(token = 'fake-bot-token'): Promise<FakeDiscord> {
    let fake: FakeDiscord | undefined;
    const sockets = new WebSocketServer({ noServer: true });
    const server = createServer((req, res) => void fake!.handle(req, res));
    server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => fake!.gateway.accept(ws)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    fake = new FakeDiscord(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token);
    return fake;
  }

  /** What DISCORD_API_URL is set to: discord.js adds /v10. */
  get apiUrl(): string {
    return `${this.url}/api`;
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

  async waitFor<T>(probe: () => T | undefined | null | false, what = 'a request', timeoutMs = 8000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; requests so far:\n${this.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join('\n')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
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
    const r: RecordedRequest = { method, path: decodeURIComponent(api[1]!), query: u.searchParams, headers: req.headers, body, files, status: 0, at: Date.now() };
    this.requests.push(r);
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
      const out = route.answer(m, r);
      r.status = out.status;
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
            ? ok({ url: this.gateway.url, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } })
            : { status: 401, body: { message: '401: Unauthorized', code: 0 } },
      },
      {
        method: 'POST',
        pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
        answer: (m, r) => {
          const type = Number(r.body.type);
          const data = (r.body.data ?? {}) as Json;
          // A deferred answer is a "thinking" message (flag LOADING, 128) until it is edited.
          const shown = type === 5 ? { ...data, flags: Number(data.flags ?? 0) | 128 } : data;
          const msg = [4, 5, 7].includes(type) ? this.store(`wh:${m[2]}`, '@original', shown, r.files) : null;
          if (r.query.get('with_response') !== 'true') return ok();
          return ok({ interaction: { id: m[1], type: 2, response_message_loading: type === 5, response_message_ephemeral: (Number(data.flags ?? 0) & 64) === 64 }, resource: { type, ...(msg ? { message: msg } : {}) } });
        },
      },
      { method: 'GET', pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, answer: (m) => this.found(`wh:${m[2]}`, m[3]!) },
      { method: 'PATCH', pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, answer: (m, r) => this.edit(`wh:${m[2]}`, m[3]!, r) },
      { method: 'POST', pattern: /^\/webhooks\/(\d+)\/([^/]+)$/, answer: (m, r) => ok(this.store(`wh:${m[2]}`, this.id(), r.body, r.files)) },
      {
        method: 'POST',
        pattern: /^\/channels\/(\d+)\/messages$/,
        answer: (m, r) => {
          const user = [...this.dmOf].find(([, ch]) => ch === m[1])?.[0];
          if (user && this.closedDms.has(user)) return { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } };
          return ok(this.store(m[1]!, this.id(), r.body, r.files));
        },
      },
      { method: 'PATCH', pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/, answer: (m, r) => this.edit(m[1]!, m[2]!, r) },
      {
        method: 'POST',
        pattern: /^\/users\/@me\/channels$/,
        answer: (_m, r) => {
          const user = String(r.body.recipient_id);
          if (!this.dmOf.has(user)) this.dmOf.set(user, this.id());
          return ok({ id: this.dmOf.get(user), type: 1, last_message_id: null, flags: 0, recipients: [{ id: user, username: `user${user.slice(-4)}`, discriminator: '0', global_name: null, avatar: null }] });
        },
      },
      {
        method: 'PUT',
        pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
        answer: (m, r) => ok((r.body as unknown as Json[]).map((c) => ({ ...c, id: this.id(), application_id: m[1], version: this.id(), ...(m[2] ? { guild_id: m[2] } : {}) }))),
      },
    ];
  }

  private id(): string {
    return String(1_400_000_000_000_000_000n + BigInt(++this.seq));
  }

  private found(channel: string, id: string) {
    const msg = this.messages.get(channel)?.get(id);
    return msg ? { status: 200, body: msg } : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
  }

  private edit(channel: string, id: string, r: RecordedRequest) {
    const prev = this.messages.get(channel)?.get(id);
    if (!prev) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    const flags = Number(prev.flags ?? 0) & ~128;
    return { status: 200, body: this.store(channel, id, { ...prev, flags, ...r.body }, r.files, prev) };
  }

  /** Keeps the message as Discord would return it: full message JSON, attachments listed. */
  private store(channel: string, id: string, body: Json, files: UploadedFile[], prev?: Json): Json {
    const channelId = channel.startsWith('wh:') ? '1300000000000000900' : channel;
    const msg: Json = {
      id: id === '@original' ? ((prev?.id as string | undefined) ?? this.messages.get(channel)?.get('@original')?.id ?? this.id()) : id,
      channel_id: channelId,
      type: 0,
      author: BOT_USER,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: files.map((f, i) => ({ id: this.id(), filename: f.filename, size: f.data.byteLength, content_type: f.contentType, url: `${this.url}/attachments/${channelId}/${i}/${f.filename}`, proxy_url: `${this.url}/attachments/${channelId}/${i}/${f.filename}` })),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: (prev?.timestamp as string | undefined) ?? new Date().toISOString(),
      edited_timestamp: prev ? new Date().toISOString() : null,
      flags: body.flags ?? 0,
      ...(channel.startsWith('wh:') ? { webhook_id: APP_ID, application_id: APP_ID } : {}),
    };
    const box = this.messages.get(channel) ?? new Map<string, Json>();
    box.set(id, msg);
    if (id === '@original') box.set(String(msg.id), msg);
    this.messages.set(channel, box);
    return msg;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** JSON, or multipart with payload_json and files[n] (parsed with the platform's own FormData reader). */
async function parseBody(type: string | undefined, raw: Buffer): Promise<{ body: Json; files: UploadedFile[] }> {
  if (!raw.length) return { body: {}, files: [] };
  if (type?.startsWith('application/json')) return { body: JSON.parse(raw.toString('utf8')) as Json, files: [] };
  if (type?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: UploadedFile[] = [];
    let body: Json = {};
    for (const [field, value] of form.entries()) {
      if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value) as Json;
      else if (typeof value !== 'string') files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  return { body: { raw: raw.toString('utf8') }, files: [] };
}
