/**
 * What each of the load bench's virtual users sends, in Slack's wire format: clients raise queries (the /cqms new
 * modal, then its submission) and follow them; agents list, claim with the card's button and close; leads pull
 * team analytics (charts) and the SLA view. Each request is built for one user from the fixtures the Slack tests
 * use; it is signed when sent.
 */
import { DEFAULT_CATEGORIES } from '../core/config/categories';
import { encodeAction } from '../core/views/action-id';
import { fixture, form, interaction, stateValues, TEAM } from '../test/slack/slack-driver';

export type LoadRole = 'client' | 'agent' | 'lead';

export interface VirtualUser {
  role: LoadRole;
  username: string;
  slackId: string;
  /** Queries this agent pressed Claim on, to close later (whether the claim won or not: a lost one is refused). */
  claimed: number[];
}

export interface LoadRequest {
  label: string;
  body: string;
}

/** What the users share: the highest query id there may be (seeded ones plus those raised during the run). */
export interface LoadState {
  maxQueryId: number;
  /** A new response_url, and a new trigger_id, for the request being built (so its answer can be told apart). */
  responseUrl(): string;
  triggerId(): string;
  /** What leads run in turn: team analytics (charts), the queue, the SLA view. */
  leadCommands: readonly string[];
}

type Json = Record<string, unknown>;

const CHANNEL = 'C0GENERAL';
const SUPPORT = 'C0SUPPORT';

function slash(user: VirtualUser, text: string, state: LoadState, channel = CHANNEL): LoadRequest {
  const fields = {
    ...fixture<Record<string, string>>('slash-command.json'),
    user_id: user.slackId,
    user_name: user.username,
    text,
    channel_id: channel,
    response_url: state.responseUrl(),
    trigger_id: state.triggerId(),
  };
  return { label: `/cqms ${text.split(' ')[0]}`, body: form(fields) };
}

function press(user: VirtualUser, action: Parameters<typeof encodeAction>[0], state: LoadState): LoadRequest {
  const p = fixture('block-actions.json') as Json & { actions: Json[]; container: Json; message: Json };
  const payload = {
    ...p,
    user: { id: user.slackId, username: user.username, name: user.username, team_id: TEAM },
    channel: { id: SUPPORT, name: 'support' },
    container: { ...p.container, channel_id: SUPPORT },
    response_url: state.responseUrl(),
    trigger_id: state.triggerId(),
    actions: [{ ...p.actions[0], action_id: encodeAction(action), value: '' }],
  };
  return { label: `button ${action.kind}`, body: interaction(payload) };
}

/** A submission of the new-query modal; the view id is unique, as Slack's are (a repeated one is a retry, handled once). */
function submitNewQuery(user: VirtualUser, n: number): LoadRequest {
  const p = fixture('view-submission-new.json') as Json & { view: Json };
  const category = DEFAULT_CATEGORIES[n % DEFAULT_CATEGORIES.length]!;
  const values = stateValues({
    category: { select: category },
    heading: `Load ${n}: ${category}`,
    description: `Raised by the load bench, request ${n}.`,
    mobile: null,
    screenshot: { files: [] },
  });
  const payload = {
    ...p,
    user: { id: user.slackId, username: user.username, name: user.username, team_id: TEAM },
    view: {
      ...p.view,
      id: `V${user.slackId}${n}`,
      private_metadata: JSON.stringify({ f: 'new', c: CHANNEL }),
      state: { values },
    },
  };
  return { label: 'submit new query', body: interaction(payload) };
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;
const someQuery = (state: LoadState, n: number) => 1 + ((n * 7919) % state.maxQueryId);

/** The user's n-th request: each role cycles through its own mix. */
export function nextRequest(user: VirtualUser, n: number, state: LoadState): LoadRequest {
  if (user.role === 'client') {
    const step = pick(['new', 'submit', 'mine', 'submit', 'show', 'mine'] as const, n);
    if (step === 'new') return slash(user, 'new', state);
    if (step === 'submit') return submitNewQuery(user, n);
    if (step === 'show') return slash(user, `show ${someQuery(state, n)}`, state);
    return slash(user, 'mine', state);
  }
  if (user.role === 'lead') return slash(user, pick(state.leadCommands, n), state, SUPPORT);
  const step = pick(['queue', 'claim', 'close', 'working', 'claim', 'show'] as const, n);
  if (step === 'claim') {
    const queryId = someQuery(state, n + user.slackId.length);
    user.claimed.push(queryId);
    return press(user, { kind: 'claim', queryId }, state);
  }
  if (step === 'close') {
    const queryId = user.claimed.shift();
    if (queryId !== undefined)
      return slash(user, `close ${queryId} note="Resolved during the load run"`, state, SUPPORT);
  }
  if (step === 'show') return press(user, { kind: 'show', queryId: someQuery(state, n) }, state);
  return slash(user, step === 'working' ? 'working' : 'queue', state, SUPPORT);
}
