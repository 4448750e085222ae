import { randomUUID } from 'node:crypto';
import { leaseWaitMs } from '../../core/async/lease-wait';
import type { ProcessState } from '../../core/notifications/queue-holder-watch';
import { RetryLater } from '../../core/ports/job-queue';
import type { MessageRef, MessageRefRepo } from '../../core/ports/store';
import { describeProcess, processState } from '../queue/process-identity';

/**
 * How long a card's claim is presumed alive. A platform call under it takes seconds, and at most about a
 * minute with the clients' own retries (Slack: 4 tries of 10 s; Discord: 4 of 15 s); a claim this old belongs to
 * a process that died on another machine (one on this machine is seen gone at once). Longer delays a card
 * whose poster died; shorter risks two live posters.
 */
export const CARD_CLAIM_LEASE_MS = 120_000;

/** The first wait of a run that found the card held: the holder's call is usually answered within this. */
const FIRST_WAIT_MS = 500;

/** The platform calls that show a card. */
export interface CardCalls {
  /** Posts the card as a new message; resolves with its id. */
  post(): Promise<string>;
  /** Edits the card's message; false when the platform can no longer edit it (deleted, too old): it is posted anew. */
  edit(messageId: string): Promise<boolean>;
}

export interface CardUpsertOptions {
  refs: MessageRefRepo;
  now: () => Date;
  warn: (message: string) => void;
  /** What the OS says of a claim holder's process (adapters/queue/process-identity by default). */
  processState?: (process: string) => ProcessState;
}

let thisProcess: string | undefined;

/**
 * Shows `version` of a query's card in one channel, whichever process runs it and whatever races: every
 * platform call on the card is made under its claim in message_refs (one holder across processes), so of two
 * workers running a query's card jobs at once one posts and the other waits (RetryLater) and then edits, and an
 * older card never replaces a newer one. A failed call frees the claim; a holder known gone is taken over at
 * once, any other after CARD_CLAIM_LEASE_MS.
 */
export async function upsertCard(
  o: CardUpsertOptions,
  ref: Omit<MessageRef, 'messageId' | 'cardVersion'>,
  version: number | undefined,
  calls: CardCalls,
): Promise<void> {
  const me = { token: randomUUID(), process: (thisProcess ??= describeProcess()) };
  const now = o.now();
  const staleBefore = new Date(now.getTime() - CARD_CLAIM_LEASE_MS);
  let claim = await o.refs.claimCard(ref, version, me, now, { staleBefore });
  if (!claim.held && claim.holder && (o.processState ?? processState)(claim.holder.process) === 'gone') {
    o.warn(`the process holding the card of query #${ref.queryId} on ${ref.platform} is gone; taking the card over`);
    claim = await o.refs.claimCard(ref, version, me, now, { staleBefore, goneToken: claim.holder.token });
  }
  if (!claim.held) {
    if (!claim.holder) return; // a newer card is shown
    const age = now.getTime() - claim.holder.since.getTime();
    throw new RetryLater(
      `the card of query #${ref.queryId} on ${ref.platform} is being written by another run`,
      leaseWaitMs(age, CARD_CLAIM_LEASE_MS, FIRST_WAIT_MS),
    );
  }
  let messageId: string;
  try {
    messageId = claim.messageId !== null && (await calls.edit(claim.messageId)) ? claim.messageId : await calls.post();
  } catch (e) {
    await o.refs
      .releaseCard(ref, me.token)
      .catch((re: unknown) =>
        o.warn(
          `the claim on the card of query #${ref.queryId} was not freed (it lapses after its lease): ${String(re)}`,
        ),
      );
    throw e;
  }
  const kept = await o.refs.finishCard({ ...ref, messageId }, me.token, o.now());
  // Only a run that outlived its lease gets here: the card may now be shown twice.
  if (!kept)
    o.warn(
      `the card of query #${ref.queryId} on ${ref.platform} was taken over while this run wrote it (message ${messageId}); it may show twice`,
    );
}
