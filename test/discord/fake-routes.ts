import type { Json } from './discord-ids';
import type { Answer, RecordedRequest, Route } from './fake-http';
import type { FakeMessages } from './fake-messages';
import { checkCallback } from './limits/check-callback';
import { checkCommands } from './limits/check-commands';
import { checkMessage } from './limits/check-message';
import { FormErrors } from './limits/form-errors';
import type { InteractionWindow } from './limits/interaction-window';
import { invalidFormBody } from './limits/refusals';

export interface MessageRouteDeps {
  box: FakeMessages;
  window: InteractionWindow;
  /** A DM channel whose user has closed their DMs (403, code 50007). */
  closedDmChannel: (channel: string) => boolean;
  /** Told of each message the bot creates, edits or deletes in a channel: Discord dispatches those too. */
  echo: (t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE', msg: Json) => void;
  now: () => number;
}

const ok = (body?: unknown): Answer => ({ status: body === undefined ? 204 : 200, body });

/**
 * The routes that carry messages and commands, each checked as Discord checks it before it is kept: interaction
 * callbacks (within the interaction's window), webhook edits and follow-ups (while the token lives), channel
 * messages and edits, command registration.
 */
export function messageRoutes(o: MessageRouteDeps): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      answer: (m, r) => {
        const refusal =
          o.window.firstAnswer(m[1]!, m[2]!) ?? checkCallback(r.body, r.files.length, o.window.messageOf(m[1]!));
        if (refusal) return refusal;
        o.window.acknowledge(m[1]!);
        const type = Number(r.body.type);
        const data = (r.body.data ?? {}) as Json;
        // A deferred answer is a "thinking" message (flag LOADING, 128) until it is edited.
        const shown = type === 5 ? { ...data, flags: Number(data.flags ?? 0) | 128 } : data;
        const msg = [4, 5, 7].includes(type) ? o.box.store(`wh:${m[2]}`, '@original', shown, r.files) : null;
        if (r.query.get('with_response') !== 'true') return ok();
        return ok({
          interaction: {
            id: m[1],
            type: 2,
            response_message_loading: type === 5,
            response_message_ephemeral: (Number(data.flags ?? 0) & 64) === 64,
          },
          resource: { type, ...(msg ? { message: msg } : {}) },
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      answer: (m) => o.window.tokenUse(m[2]!) ?? o.box.found(`wh:${m[2]}`, m[3]!),
    },
    {
      method: 'PATCH',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      answer: (m, r) => o.window.tokenUse(m[2]!) ?? edit(o, `wh:${m[2]}`, m[3]!, r),
    },
    {
      method: 'POST',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)$/,
      answer: (m, r) =>
        o.window.tokenUse(m[2]!) ??
        checkMessage(r.body, { files: r.files.length }) ??
        ok(o.box.store(`wh:${m[2]}`, o.box.id(), r.body, r.files)),
    },
    {
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages$/,
      answer: (m, r) => {
        if (o.closedDmChannel(m[1]!))
          return { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } };
        const refusal = checkMessage(r.body, { files: r.files.length });
        if (refusal) return refusal;
        const earlier = r.body.enforce_nonce === true ? o.box.withNonce(m[1]!, r.body.nonce, o.now()) : undefined;
        if (earlier) return ok(earlier);
        const msg = o.box.store(m[1]!, o.box.id(), r.body, r.files);
        o.echo('MESSAGE_CREATE', msg);
        return ok(msg);
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      answer: (m, r) => {
        const out = edit(o, m[1]!, m[2]!, r);
        if (out.status === 200) o.echo('MESSAGE_UPDATE', out.body as Json);
        return out;
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      answer: (m) => {
        if (!o.box.remove(m[1]!, m[2]!)) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
        o.echo('MESSAGE_DELETE', { id: m[2], channel_id: m[1] });
        return ok();
      },
    },
    {
      method: 'PUT',
      pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      answer: (m, r) => {
        const errors = new FormErrors();
        checkCommands(errors, r.body);
        if (!errors.empty) return invalidFormBody(errors);
        return ok(
          (r.body as unknown as Json[]).map((c) => ({
            ...c,
            id: o.box.id(),
            application_id: m[1],
            version: o.box.id(),
            ...(m[2] ? { guild_id: m[2] } : {}),
          })),
        );
      },
    },
  ];
}

function edit(o: MessageRouteDeps, channel: string, id: string, r: RecordedRequest): Answer {
  const prev = o.box.byChannel.get(channel)?.get(id);
  if (!prev) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
  const kept = r.body.attachments === undefined ? ((prev.attachments as unknown[] | undefined) ?? []) : [];
  const refusal = checkMessage(r.body, { files: r.files.length + kept.length, result: { ...prev, ...r.body } });
  if (refusal) return refusal;
  const flags = Number(prev.flags ?? 0) & ~128;
  return { status: 200, body: o.box.store(channel, id, { ...prev, flags, ...r.body }, r.files, prev) };
}
