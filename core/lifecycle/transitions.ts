import type { QueryStatus } from '../domain/status';
import type { EventType } from '../domain/event';

export type Transition = 'claim' | 'release' | 'close' | 'reassign' | 'reopen';

interface TransitionRule {
  from: readonly QueryStatus[];
  to: QueryStatus;
  event: EventType;
  verb: string;
}

/** Open -> In Progress -> Closed, with the ways back. Everything else is refused with NotInState. */
export const TRANSITIONS: Record<Transition, TransitionRule> = {
  claim: { from: ['Open'], to: 'In Progress', event: 'claimed', verb: 'claim' },
  release: { from: ['In Progress'], to: 'Open', event: 'released', verb: 'release' },
  close: { from: ['In Progress'], to: 'Closed', event: 'closed', verb: 'close' },
  reassign: { from: ['Open', 'In Progress'], to: 'In Progress', event: 'reassigned', verb: 'reassign' },
  reopen: { from: ['Closed'], to: 'Open', event: 'reopened', verb: 'reopen' },
};
