import type { ConversationPlace } from '../../core/domain/conversation-place';
import type { Platform } from '../../core/domain/platform';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import { RetryLater } from '../../core/ports/job-queue';
import type { MessageCopyView } from '../../core/views/message-copy';
import { queryRecord } from '../../test/support/query-record';
import { CompositeNotifier } from './composite-notifier';
import type { PlatformNotifier } from './platform-notifier';

const copy: MessageCopyView = {
  queryId: 42,
  seq: 1,
  authorName: 'Ann',
  authorRole: 'agent',
  visibility: 'public',
  text: 'hello',
  files: [],
  mark: 'sentToClient',
  edited: false,
  deleted: false,
};
const place = (platform: Platform): ConversationPlace => ({
  key: `${platform}:staff:C1`,
  platform,
  audience: 'staff',
  channelId: 'C1',
  threadRootId: null,
});

/** A platform whose conversation side records calls; `places` fails when given an error. */
function platformOf(platform: Platform, calls: string[], places: ConversationPlace[] | Error): PlatformNotifier {
  const conversation: ConversationNotifier = {
    conversationPlaces: async () => {
      if (places instanceof Error) throw places;
      return places;
    },
    postMessageCopy: async (p) => (calls.push(`${platform} post ${p.key}`), `${platform}-1`),
    reviseMessageCopy: async (p, id) => void calls.push(`${platform} revise ${p.key} ${id}`),
  };
  return {
    platform,
    conversation,
    upsertChannelCard: async () => undefined,
    sendDirect: async () => false,
    postAlert: async () => undefined,
    postCharts: async () => undefined,
    postReport: async () => undefined,
  };
}

/** A platform that shows no conversations (the composite skips it). */
function withoutConversation(n: PlatformNotifier): PlatformNotifier {
  const { conversation: _none, ...rest } = n;
  return rest;
}

describe('the composite notifier carrying conversations', () => {
  it('posts and revises a copy on the place’s own platform only', async () => {
    const calls: string[] = [];
    const n = new CompositeNotifier([platformOf('slack', calls, []), platformOf('discord', calls, [])]);
    expect(await n.postMessageCopy(place('discord'), copy)).toBe('discord-1');
    await n.reviseMessageCopy(place('slack'), 'ts-9', copy);
    expect(calls).toEqual(['discord post discord:staff:C1', 'slack revise slack:staff:C1 ts-9']);
  });

  it('gathers every platform’s places; one failing keeps the others’ and says why', async () => {
    const calls: string[] = [];
    const away = new RetryLater('discord asked to wait', 2_000);
    const n = new CompositeNotifier([
      platformOf('slack', calls, [place('slack')]),
      platformOf('discord', calls, away),
      withoutConversation(platformOf('shell', calls, [])),
    ]);
    const settled = await n.settledPlaces(queryRecord());
    expect(settled.places).toEqual([place('slack')]);
    expect(settled.failure).toBeInstanceOf(RetryLater);
    await expect(n.conversationPlaces(queryRecord())).rejects.toThrow(RetryLater);
  });

  it('refuses for good a place no platform shows', async () => {
    const n = new CompositeNotifier([platformOf('slack', [], [])]);
    await expect(n.postMessageCopy(place('discord'), copy)).rejects.toThrow(/no discord notifier shows conversations/);
  });
});
