import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusalOf, responseRefusal, type Refusal } from './block-kit-limits';
import { FakeSocketMode } from './fake-socket-mode';
import { RefusalLog } from './refusal-log';
import { slackApiAnswer, slackRefusalAnswer } from './slack-api-answers';
import { parseSlackBody } from './slack-request-body';
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
}

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
  private readonly rules = new InteractionRules();
  private readonly socketMode = new FakeSocketMode(
    () =>
      this.calls.push({
        kind: 'api',
        method: 'socket.connect',
        headers: {},
        body: {},
        raw: Buffer.alloc(0),
        at: Date.now(),
      }),
    () => ++this.seq,
  );
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
    server.on('upgrade', (req, socket, head) => fake!.socketMode.upgrade(req, socket, head));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    fake = new FakeSlack(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, botToken);
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
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
    // The trigger_id in an envelope is one Slack just handed out.
    const trigger = (payload as { trigger_id?: unknown } | null)?.trigger_id;
    if (typeof trigger === 'string') this.rules.issueTrigger(trigger);
    return this.socketMode.envelope(type, payload);
  }

  /** Stops the server; rejects when the app sent something Slack would have refused and the test did not expect it. */
  async close(): Promise<void> {
    this.socketMode.close();
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
      body: parseSlackBody(req.headers['content-type'], raw),
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
        JSON.stringify(slackRefusalAnswer(refusal)),
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
    const answer = failure
      ? { ok: false, error: failure }
      : refusal
        ? slackRefusalAnswer(refusal)
        : slackApiAnswer(call.method, call.body, {
            n: ++this.seq,
            teamId: this.teamId,
            url: this.url,
            markEphemeral: (ts) => this.rules.markEphemeral(ts),
          });
    send(res, 200, 'application/json', JSON.stringify(answer));
  }

  private refusal(method: string, body: Record<string, unknown>): Refusal | null {
    const limits = refusalOf(method, body);
    if (limits) return limits;
    if (method === 'views.open' || method === 'views.push') return this.rules.useTrigger(body.trigger_id);
    if (method === 'chat.update') return this.rules.update(body.ts);
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
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}
