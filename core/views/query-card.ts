import { durationText } from './duration';
import type { QueryRecord } from '../domain/query';
import type { Role } from '../domain/roles';
import { mayRole } from '../authz/policy';
import { maskMobile } from '../domain/mobile';
import { encodeAction } from './action-id';
import { CARD_FIELD_MAX, CARD_TEXT_MAX, piecesOf, shorten } from './shorten';
import { STATUS_TONE, type ButtonView, type CardField, type CardView } from './view-model';

export interface CardNames {
  client?: string | null;
  assignee?: string | null;
}

/** Who will see the card: the support channel (agents and leads; the mobile masked), the client who raised it, or one viewer (`show`). */
export type CardAudience = { kind: 'staff' } | { kind: 'client' } | { kind: 'viewer'; role: Role; userId: number };

/**
 * `whole`: the card of `show`, whose description and note are given whole by `wholeTextCards`; every other card
 * shortens them (shorten.ts says why at that length) and offers Show.
 */
export function queryCard(
  q: QueryRecord,
  names: CardNames,
  audience: CardAudience,
  extra: { rated?: boolean; whole?: boolean } = {},
): CardView {
  const body = extra.whole
    ? { text: piecesOf(q.description, CARD_TEXT_MAX)[0] ?? '', shortened: false }
    : shorten(q.description, CARD_TEXT_MAX);
  const note = q.resolutionNote ? shorten(q.resolutionNote, CARD_FIELD_MAX) : null;
  const fields: CardField[] = [
    { label: 'Status', value: q.status, inline: true },
    { label: 'Category', value: q.category, inline: true },
    { label: 'Raised by', value: names.client ?? `#${q.clientId}`, inline: true },
    { label: 'Opened', value: stamp(q.createdAt), inline: true },
  ];
  if (q.mobile) {
    const shown = audience.kind === 'staff' ? maskMobile(q.mobile) : q.mobile;
    fields.push({
      label: 'Mobile',
      value: q.mobileValid ? shown : `${shown} (invalid)`,
      flagged: !q.mobileValid,
      inline: true,
    });
  }
  if (q.assigneeId !== null)
    fields.push({ label: 'Assignee', value: names.assignee ?? `#${q.assigneeId}`, inline: true });
  if (q.waitingSince !== null && q.status !== 'Closed')
    fields.push({ label: 'Waiting on the client', value: `since ${stamp(q.waitingSince)}`, inline: true });
  if (q.status === 'Closed' && q.resolutionMs !== null)
    fields.push({ label: 'Resolved in', value: durationText(q.resolutionMs / 3_600_000), inline: true });
  if (note && !(extra.whole && note.shortened)) fields.push({ label: 'Resolution', value: note.text });
  const buttons = buttonsFor(q, audience, extra.rated ?? false);
  if (!extra.whole && (body.shortened || note?.shortened))
    buttons.push({ label: 'Show', actionId: encodeAction({ kind: 'show', queryId: q.id }) });
  return {
    kind: 'card',
    title: `#${q.id} ${q.heading}`,
    body: body.text,
    tone: STATUS_TONE[q.status],
    status: q.status,
    fields,
    buttons,
    queryId: q.id,
    version: q.updatedAt.getTime(),
    footer: q.externalRef ? `Imported as ${q.externalRef}` : `Raised on ${q.platform}`,
  };
}

/** What `show`'s card leaves out: the rest of a long description, and a long resolution note, in cards of their own. */
export function wholeTextCards(q: QueryRecord): CardView[] {
  const tone = STATUS_TONE[q.status];
  const part = (what: string, pieces: string[]) =>
    pieces.map(
      (p, i): CardView => ({
        kind: 'card',
        title: `#${q.id} ${what} (${i + 1} of ${pieces.length})`,
        body: p,
        tone,
        fields: [],
        buttons: [],
        queryId: q.id,
      }),
    );
  const description = piecesOf(q.description, CARD_TEXT_MAX);
  const note =
    q.resolutionNote && Array.from(q.resolutionNote).length > CARD_FIELD_MAX
      ? piecesOf(q.resolutionNote, CARD_TEXT_MAX)
      : [];
  return [
    ...(description.length > 1 ? part('description', description).slice(1) : []),
    ...part('resolution note', note),
  ];
}

const stamp = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

/** Only the buttons the audience's role may press; core checks again when one is pressed. */
function buttonsFor(q: QueryRecord, audience: CardAudience, rated: boolean): ButtonView[] {
  const role: Role = audience.kind === 'staff' ? 'agent' : audience.kind === 'client' ? 'client' : audience.role;
  const mine = audience.kind === 'viewer' ? audience.userId : null;
  const b: ButtonView[] = [];
  if (q.status === 'Open' && mayRole(role, 'query.claim'))
    b.push({ label: 'Claim', actionId: encodeAction({ kind: 'claim', queryId: q.id }), style: 'primary' });
  if (
    q.status === 'In Progress' &&
    mayRole(role, 'query.release') &&
    (mine === null || mine === q.assigneeId || role === 'lead')
  ) {
    b.push({ label: 'Release', actionId: encodeAction({ kind: 'release', queryId: q.id }) });
  }
  if (q.status === 'In Progress' && mayRole(role, 'query.close') && (mine === null || mine === q.assigneeId)) {
    b.push({ label: 'Close', actionId: encodeAction({ kind: 'close', queryId: q.id }), style: 'danger' });
  }
  if (q.status === 'Closed' && mayRole(role, 'query.review') && (mine === null || mine === q.clientId)) {
    if (!rated)
      for (let r = 1; r <= 5; r++)
        b.push({ label: `${'★'.repeat(r)}`, actionId: encodeAction({ kind: 'rate', queryId: q.id, rating: r }) });
    b.push({ label: 'Reopen', actionId: encodeAction({ kind: 'reopen', queryId: q.id }) });
  }
  // The conversation: anyone on the query writes while it is active (the client on their own only).
  if (q.status !== 'Closed' && (role !== 'client' || mine === null || mine === q.clientId))
    b.push({ label: 'Reply', actionId: encodeAction({ kind: 'reply', queryId: q.id }) });
  if (q.status !== 'Closed' && q.waitingSince === null && mayRole(role, 'query.markWaiting'))
    b.push({ label: 'Waiting on client', actionId: encodeAction({ kind: 'waiting', queryId: q.id }) });
  return b;
}
