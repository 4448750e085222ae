import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeSlack } from './fake-slack';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEAM = 'T1';

type Json = Record<string, unknown>;

export function fixture<T = Json>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'slack', name), 'utf8')) as T;
}

/** Slack's v0 signature of a raw body: HMAC-SHA256 of `v0:<ts>:<body>` keyed by the signing secret. */
export function signatureHeaders(body: string, opts: { secret?: string; ts?: number } = {}): Record<string, string> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', opts.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex');
  return { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': `v0=${sig}` };
}

export interface SlackAnswer {
  status: number;
  text: string;
  /** The parsed answer body, when it is JSON. */
  json: Json | null;
  /** From sending the request to the full answer. */
  ms: number;
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  opts: { secret?: string; ts?: number; headers?: Record<string, string> } = {},
): Promise<SlackAnswer> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...signatureHeaders(body, opts), ...opts.headers },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: Json | null = null;
  try {
    json = text ? (JSON.parse(text) as Json) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json, ms };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const interaction = (payload: unknown) => form({ payload: JSON.stringify(payload) });

/** A modal input's state as Slack sends it. */
export type StateInput = string | null | { select: string } | { files: Json[] };

export function stateValues(inputs: Record<string, StateInput>): Record<string, Record<string, Json>> {
  const out: Record<string, Record<string, Json>> = {};
  for (const [block, v] of Object.entries(inputs)) {
    out[block] = {
      value:
        v !== null && typeof v === 'object' && 'select' in v
          ? {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: v.select }, value: v.select },
            }
          : v !== null && typeof v === 'object'
            ? { type: 'file_input', files: v.files }
            : { type: 'plain_text_input', value: v },
    };
  }
  return out;
}

/** A file_input file as Slack describes it, hosted by the fake. */
export function slackFile(
  fake: FakeSlack,
  id: string,
  name: string,
  data: Uint8Array,
  mimetype: string,
  size = data.byteLength,
): Json {
  const url = fake.serveFile(id, name, data, mimetype);
  return {
    id,
    name,
    title: name,
    mimetype,
    filetype: name.split('.').pop(),
    size,
    user: 'U0ZOE',
    url_private: url,
    url_private_download: url,
  };
}

/**
 * Sends Slack-format requests, signed, to the app: slash commands, button presses, modal submissions and
 * events, built from the fixtures; records each acknowledgement's time.
 */
export class SlackDriver {
  readonly timings: { what: string; ms: number }[] = [];

  constructor(
    readonly eventsUrl: string,
    readonly fake: FakeSlack,
  ) {}

  /** `triggerAgeMs`: the command reaches the app that late (its trigger_id ages from when Slack sent it). */
  async slash(
    userId: string,
    text: string,
    opts: { channelId?: string; triggerAgeMs?: number } = {},
  ): Promise<SlackAnswer & { responseUrl: string }> {
    const responseUrl = this.fake.responseUrl();
    const trigger_id = this.fake.issueTrigger(undefined, opts.triggerAgeMs);
    const fields = {
      ...fixture<Record<string, string>>('slash-command.json'),
      user_id: userId,
      user_name: userId.toLowerCase(),
      text,
      trigger_id,
      response_url: responseUrl,
      ...(opts.channelId ? { channel_id: opts.channelId } : {}),
    };
    const res = await this.timed(`/cqms ${text}`, () =>
      postSigned(this.eventsUrl, form(fields), 'application/x-www-form-urlencoded'),
    );
    return { ...res, responseUrl };
  }

  async press(
    userId: string,
    actionId: string,
    opts: { channelId?: string; ts?: string; ephemeral?: boolean } = {},
  ): Promise<SlackAnswer & { responseUrl: string }> {
    const responseUrl = this.fake.responseUrl();
    const p = fixture('block-actions.json') as Json & { actions: Json[]; container: Json; message: Json };
    const channel = opts.channelId ?? 'C0SUPPORT';
    const ts = opts.ts ?? '1770000001.000100';
    if (opts.ephemeral) this.fake.markEphemeral(ts);
    const payload = {
      ...p,
      trigger_id: this.fake.issueTrigger(),
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM },
      channel: { id: channel, name: channel.toLowerCase() },
      container: { ...p.container, channel_id: channel, message_ts: ts, is_ephemeral: opts.ephemeral ?? false },
      message: { ...p.message, ts },
      response_url: responseUrl,
      actions: [{ ...p.actions[0], action_id: actionId, value: '' }],
    };
    const res = await this.timed(`button ${actionId}`, () =>
      postSigned(this.eventsUrl, interaction(payload), 'application/x-www-form-urlencoded'),
    );
    return { ...res, responseUrl };
  }

  /** A button pressed in the App Home: Slack sends the view, no channel, message or response_url. */
  pressInHome(userId: string, actionId: string): Promise<SlackAnswer> {
    const {
      channel: _channel,
      message: _message,
      response_url: _url,
      ...p
    } = fixture('block-actions.json') as Json & { actions: Json[] };
    const payload = {
      ...p,
      trigger_id: this.fake.issueTrigger(),
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM },
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home', blocks: [] },
      actions: [{ ...p.actions[0], action_id: actionId, value: '' }],
    };
    return this.timed(`home button ${actionId}`, () =>
      postSigned(this.eventsUrl, interaction(payload), 'application/x-www-form-urlencoded'),
    );
  }

  submit(
    userId: string,
    viewId: string,
    privateMetadata: string,
    inputs: Record<string, StateInput>,
  ): Promise<SlackAnswer> {
    return this.timed(`submit ${viewId}`, () =>
      postSigned(
        this.eventsUrl,
        interaction(this.submission(userId, viewId, privateMetadata, inputs)),
        'application/x-www-form-urlencoded',
      ),
    );
  }

  submission(userId: string, viewId: string, privateMetadata: string, inputs: Record<string, StateInput>): Json {
    const p = fixture('view-submission-new.json') as Json & { view: Json };
    return {
      ...p,
      trigger_id: this.fake.issueTrigger(),
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM },
      view: { ...p.view, id: viewId, private_metadata: privateMetadata, state: { values: stateValues(inputs) } },
    };
  }

  homeOpened(userId: string): Promise<SlackAnswer> {
    const p = fixture('app-home-opened.json') as Json & { event: Json };
    const body = JSON.stringify({ ...p, event: { ...p.event, user: userId } });
    return this.timed(`home ${userId}`, () => postSigned(this.eventsUrl, body, 'application/json'));
  }

  /** The modal the app opened last for this trigger-less test flow: the latest views.open call. */
  lastModal(): Json & { private_metadata: string; blocks: Json[] } {
    const call = this.fake.api('views.open').at(-1);
    if (!call) throw new Error('no modal was opened');
    return call.body.view as Json & { private_metadata: string; blocks: Json[] };
  }

  private async timed(what: string, send: () => Promise<SlackAnswer>): Promise<SlackAnswer> {
    const res = await send();
    this.timings.push({ what, ms: res.ms });
    return res;
  }
}

/** Every button and action id in a message's blocks. */
export function actionIdsOf(blocks: unknown): string[] {
  return ((blocks as Json[] | undefined) ?? []).flatMap((b) =>
    b.type === 'actions' ? ((b.elements as Json[]) ?? []).map((e) => String(e.action_id)) : [],
  );
}
