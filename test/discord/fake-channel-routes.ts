import type { Json } from './discord-ids';
import type { FakeChannels } from './fake-channels';
import type { Answer, Route } from './fake-http';
import type { FakeMessages } from './fake-messages';
import { checkThread } from './limits/check-thread';

export interface ChannelRouteDeps {
  box: FakeMessages;
  channels: FakeChannels;
  /** Told of each thread started: Discord dispatches THREAD_CREATE to the server's bots. */
  threadCreated: (thread: Json) => void;
}

const UNKNOWN_CHANNEL: Answer = { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
const UNKNOWN_MESSAGE: Answer = { status: 404, body: { message: 'Unknown Message', code: 10008 } };
/** Discord's answer when the message already has a thread (its id is the message's). */
export const THREAD_ALREADY_CREATED: Answer = {
  status: 400,
  body: { message: 'A thread has already been created for this message', code: 160004 },
};

/**
 * Channels as Discord serves them: GET /channels/{id}, and Start Thread from Message (POST
 * /channels/{id}/messages/{id}/threads), checked as Discord checks it: the message must exist in that channel,
 * the name have 1-100 characters, the archive duration be one Discord offers, and a message gets one thread.
 */
export function channelRoutes(o: ChannelRouteDeps): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)$/,
      answer: (m) => {
        const channel = o.channels.get(m[1]!);
        return channel ? { status: 200, body: channel } : UNKNOWN_CHANNEL;
      },
    },
    {
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
      answer: (m, r) => {
        const [parentId, messageId] = [m[1]!, m[2]!];
        if (!o.channels.get(parentId)) return UNKNOWN_CHANNEL;
        if (!o.box.byChannel.get(parentId)?.has(messageId)) return UNKNOWN_MESSAGE;
        const refusal = checkThread(r.body);
        if (refusal) return refusal;
        if (o.channels.get(messageId)) return THREAD_ALREADY_CREATED;
        const minutes = Number(r.body.auto_archive_duration ?? 4320);
        const thread = o.channels.startThread(parentId, messageId, String(r.body.name), minutes);
        o.threadCreated(thread);
        return { status: 201, body: thread };
      },
    },
  ];
}
