import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { refusalOf, responseRefusal, type Refusal } from './block-kit-limits';
import { FAKE_BOT, MessageLedger, type SlackMessage } from './fake-slack-messages';
import { RefusalLog } from './refusal-log';
import { InteractionRules } from './slack-interaction-rules';

/** One request the app made to the fake: a Web API call, an upload, a response_url post or a file download. */
export interface RecordedCall {
  kind: 'api' | 'upload' | 'response' | 'file';
  /** The Web API method (`chat.postMessage`), or the path for the other kinds. */
  method: string;
  headers: IncomingHttpHeaders;
  /** Form or JSON fields, with JSON-string fields (`blocks`, `view`, `files`) parsed. */
  body: Record<string, unknown>;
  raw: Buffer;
  at: number;
  /** What the fake answered a Web API call (its `ts`, its `channel`), once answered. */
  answer?: Record<string, unknown>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'files', 'attachments', 'file_uploads']);

/**
 * A local stand-in for slack.com: answers the Web API methods the app uses the way Slack documents them,
 * refuses what Slack refuses (Block Kit limits, spent or expired trigger_ids, a sixth response_url post, editing
 * an ephemeral message) and fails the test on close() for any refusal it did not expect; records every request,
 * serves uploaded files at url_private (only with the bot token, else a sign-in page, as Slack does), takes upload bytes and response_url posts, and can answer 429 with Retry-After.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly teamId = 'T1';
  private readonly files = new Map<string, { data: Uint8Array; contentType: string }>();
  private readonly rateLimits = new Map<string, number[]>();
  private readonly failures = new Map<string, string[]>();
  private readonly httpFailures = new Map<string, number[]>();
  private seq = 0;
  /** Every refusal; one no `expectRefusal` declared fails the test it came in (or the fake's close()). */
  readonly refusals = new RefusalLog();
  /** Every message in every channel, as Slack keeps them: what the app posted and what the test's users wrote. */
  readonly messages = new MessageLedger();
  private readonly rules = new InteractionRules();
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly socketAcks = new Map<string, (ack: Record<string, unknown>) => void>();
  /** Delay before a file download is answered (a slow file server). */
  fileDelayMs = 0;
  /** Delay before a Web API method is answered (a slow Slack), by method; the call is recorded on arrival. */
  readonly apiDelayMs = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly botToken: string,
  ) {}

  static async start(botToken = 'xoxb-test'): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    server.on('upgrade', (req, socket, head) =>
      fake!.sockets.handleUpgrade(req, socket, head, (ws) => fake!.connected(ws)),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    fake = new FakeSlack(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, botToken);
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A new message ts, later than every one handed out before (Slack's ts orders a channel's messages). */
  nextTs(): string {
    return `${1_770_000_000 + ++this.seq}.000100`;
  }

  /** A new response_url for one interaction. */
  responseUrl(): string {
    return `${this.url}/response/${++this.seq}`;
  }

  /** Serves bytes as a Slack-hosted file; returns its url_private_download. */
  serveFile(id: string, name: string, data: Uint8Array, contentType: string): string {
    this.files.set(id, { data, contentType });
    return `${this.url}/files-pri/${this.teamId}-${id}/download/${encodeURIComponent(name)}`;
  }

  /** The next call of `method` is answered 429 with this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterSec: number): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), retryAfterSec]);
  }

  /** The next call of `method` is answered `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** The test provokes one refusal with this error (of this method): it will not fail the test. */
  expectRefusal(error: string, method?: string): void {
    this.refusals.expect(error, method);
  }

  /** A trigger_id as Slack sends with an interaction: it opens one view within 3 s of `ageMs` ago. */
  issueTrigger(id?: string, ageMs = 0): string {
    return this.rules.issueTrigger(id, ageMs);
  }

  /** A button was pressed on an ephemeral message with this ts: chat.update cannot edit it. */
  markEphemeral(ts: string): void {
    this.rules.markEphemeral(ts);
  }

  /** The next call of `method` is answered with this HTTP status (a Slack that is down behind its load balancer). */
  failHttpNext(method: string, status: number): void {
    this.httpFailures.set(method, [...(this.httpFailures.get(method) ?? []), status]);
  }

  api(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'api' && c.method === method);
  }

  of(kind: RecordedCall['kind']): RecordedCall[] {
    return this.calls.filter((c) => c.kind === kind);
  }

  /** Resolves with the first truthy value `probe` returns, polling the recorded calls. */
  async waitFor<T>(probe: () => T | undefined | null | false, what = 'a call', timeoutMs = 8000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > until)
        throw new Error(`timed out waiting for ${what}; calls so far: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /**
   * Socket Mode: sends an envelope (`slash_commands`, `interactive`, `events_api`) to the connected app and
   * resolves with its acknowledgement and how long it took.
   */
  async envelope(type: string, payload: unknown): Promise<{ ack: Record<string, unknown>; ms: number }> {
    const [ws] = this.sockets.clients;
    if (!ws) throw new Error('no Socket Mode connection');
    const id = `env-${++this.seq}`;
    // The trigger_id in an envelope is one Slack just handed out.
    const trigger = (payload as { trigger_id?: unknown } | null)?.trigger_id;
    if (typeof trigger === 'string') this.rules.issueTrigger(trigger);
    const started = performance.now();
    const ack = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${id}`)), 5000);
      this.socketAcks.set(id, (a) => {
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

  private connected(ws: WebSocket): void {
    this.calls.push({
      kind: 'api',
      method: 'socket.connect',
      headers: {},
      body: {},
      raw: Buffer.alloc(0),
      at: Date.now(),
    });
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { envelope_id?: string };
      if (m.envelope_id) this.socketAcks.get(m.envelope_id)?.(m as Record<string, unknown>);
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

  /** Stops the server; rejects when the app sent something Slack would have refused and the test did not expect it. */
  async close(): Promise<void> {
    for (const ws of this.sockets.clients) ws.terminate();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    this.refusals.retire();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const path = decodeURIComponent(new URL(req.url ?? '/', this.url).pathname);
    const [, area, rest] = /^\/([^/]+)\/?(.*)$/.exec(path) ?? [];
    const kind =
      area === 'api'
        ? 'api'
        : area === 'upload'
          ? 'upload'
          : area === 'response'
            ? 'response'
            : area === 'files-pri'
              ? 'file'
              : null;
    if (!kind) return send(res, 404, 'text/plain', 'not found');
    const call: RecordedCall = {
      kind,
      method: kind === 'api' ? (rest ?? '') : path,
      headers: req.headers,
      body: parseBody(req.headers['content-type'], raw),
      raw,
      at: Date.now(),
    };
    this.calls.push(call);
    if (kind === 'upload') return send(res, 200, 'text/plain', `OK - ${raw.length}`);
    if (kind === 'response') {
      const refusal = this.rules.useResponseUrl(path) ?? responseRefusal(call.body);
      if (!refusal) return send(res, 200, 'text/plain', 'ok');
      this.refusals.record({ method: 'response_url', ...refusal });
      return send(
        res,
        refusal.error === 'used_url' ? 404 : 400,
        'application/json',
        JSON.stringify(slackAnswer(refusal)),
      );
    }
    if (kind === 'file') {
      if (this.fileDelayMs) await new Promise((r) => setTimeout(r, this.fileDelayMs));
      return this.serve(rest ?? '', req, res);
    }
    const delay = this.apiDelayMs.get(call.method);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const limited = this.rateLimits.get(call.method)?.shift();
    if (limited !== undefined) {
      res.setHeader('Retry-After', String(limited));
      return send(res, 429, 'application/json', JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    const status = this.httpFailures.get(call.method)?.shift();
    if (status) return send(res, status, 'text/html', '<html><body>Service Unavailable</body></html>');
    const failure = this.failures.get(call.method)?.shift();
    const refusal = failure ? null : this.refusal(call.method, call.body);
    if (refusal) this.refusals.record({ method: call.method, ...refusal });
    // Taken, but shown nowhere (a reply to a thread that is not there): Slack says ok, the fake records a refusal.
    const loss = failure || refusal ? null : this.loss(call.method, call.body);
    if (loss) this.refusals.record({ method: call.method, ...loss });
    const answer = failure
      ? { ok: false, error: failure }
      : refusal
        ? slackAnswer(refusal)
        : this.answer(call.method, call.body, loss === null);
    call.answer = answer;
    send(res, 200, 'application/json', JSON.stringify(answer));
  }

  private refusal(method: string, body: Record<string, unknown>): Refusal | null {
    const limits = refusalOf(method, body);
    if (limits) return limits;
    if (method === 'views.open' || method === 'views.push') return this.rules.useTrigger(body.trigger_id);
    if (method === 'chat.update')
      return this.rules.update(body.ts) ?? this.messages.updateRefusal(body.channel, body.ts);
    if (method === 'chat.delete') return this.messages.deleteRefusal(body.channel, body.ts);
    return null;
  }

  /** Why Slack would take this call and show its message nowhere, or null. */
  private loss(method: string, body: Record<string, unknown>): Refusal | null {
    const channel = String(body.channel ?? body.channel_id ?? '');
    if (method === 'chat.postMessage' || method === 'files.completeUploadExternal')
      return this.messages.threadLoss(channel, body.thread_ts);
    if (method === 'chat.postEphemeral') return this.messages.ephemeralThreadLoss(channel, body.thread_ts);
    return null;
  }

  private serve(rest: string, req: IncomingMessage, res: ServerResponse): void {
    const id = /^[A-Z0-9]+-([A-Z0-9]+)\//.exec(rest)?.[1] ?? '';
    const file = this.files.get(id);
    if (req.headers.authorization !== `Bearer ${this.botToken}`)
      return send(res, 200, 'text/html', '<html><body>Sign in to Slack</body></html>');
    if (!file) return send(res, 404, 'text/plain', 'file_not_found');
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.data.byteLength) });
    res.end(Buffer.from(file.data));
  }

  /** The answer of a call Slack takes; `shown`: its message appears (and is kept by the ledger). */
  private answer(method: string, b: Record<string, unknown>, shown: boolean): Record<string, unknown> {
    const n = ++this.seq;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'cqms',
          team_id: this.teamId,
          user_id: FAKE_BOT.userId,
          bot_id: FAKE_BOT.botId,
        };
      case 'chat.postMessage': {
        const ts = `${1_770_000_000 + n}.000100`;
        const threadTs = typeof b.thread_ts === 'string' && b.thread_ts ? b.thread_ts : null;
        if (shown) this.messages.post(this.botMessage(String(b.channel), ts, threadTs, b));
        return {
          ok: true,
          channel: b.channel,
          ts,
          message: { text: b.text, blocks: b.blocks, ...(threadTs ? { thread_ts: threadTs } : {}) },
        };
      }
      case 'chat.update':
        this.messages.update(String(b.channel), String(b.ts), { text: String(b.text ?? ''), blocks: b.blocks });
        return { ok: true, channel: b.channel, ts: b.ts, text: b.text };
      case 'chat.delete':
        this.messages.remove(String(b.channel), String(b.ts));
        return { ok: true, channel: b.channel, ts: b.ts };
      case 'chat.postEphemeral': {
        const ts = `${1_770_000_000 + n}.000200`;
        this.rules.markEphemeral(ts);
        return { ok: true, message_ts: ts };
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { ...(b.view as object), id: `V${n}` } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(b.users)}` } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F${n}`, file_id: `F${n}` };
      case 'files.completeUploadExternal': {
        const files = (b.files as { id: string; title?: string }[]) ?? [];
        // Shared into a channel (or a thread of it): the files show as a message of the bot's there.
        if (shown && typeof b.channel_id === 'string') {
          const threadTs = typeof b.thread_ts === 'string' && b.thread_ts ? b.thread_ts : null;
          const m = this.botMessage(b.channel_id, `${1_770_000_000 + n}.000300`, threadTs, {
            text: String(b.initial_comment ?? ''),
          });
          this.messages.post({ ...m, files: files.map((f) => f.id) });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/socket` };
      case 'users.info':
        return {
          ok: true,
          user: { id: b.user, team_id: this.teamId, name: String(b.user).toLowerCase(), real_name: String(b.user) },
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private botMessage(channel: string, ts: string, threadTs: string | null, b: Record<string, unknown>): SlackMessage {
    return {
      channel,
      ts,
      threadTs,
      user: FAKE_BOT.userId,
      botId: FAKE_BOT.botId,
      text: String(b.text ?? ''),
      blocks: b.blocks,
      files: [],
      edited: false,
    };
  }
}

/** Slack's answer to a refused call: the error, and the pointers when there are any. */
function slackAnswer(r: Refusal): Record<string, unknown> {
  return { ok: false, error: r.error, ...(r.messages.length ? { response_metadata: { messages: r.messages } } : {}) };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function parseBody(type: string | undefined, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (type?.startsWith('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (type?.startsWith('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
    return out;
  }
  return {};
}
