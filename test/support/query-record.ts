import type { QueryRecord } from '../../core/domain/query';

/** A complete query record for pure unit tests; override what the test is about. */
export function queryRecord(over: Partial<QueryRecord> = {}): QueryRecord {
  return {
    id: 42,
    externalRef: null,
    clientId: 1,
    category: 'Login Issue',
    heading: 'Cannot sign in',
    description: 'OTP never arrives',
    mobile: '9876543210',
    mobileValid: true,
    status: 'Open',
    assigneeId: null,
    platform: 'slack',
    createdAt: new Date('2026-03-02T09:00:00Z'),
    claimedAt: null,
    closedAt: null,
    resolutionNote: null,
    resolutionMs: null,
    firstResponseMs: null,
    reopenCount: 0,
    updatedAt: new Date('2026-03-02T09:00:00Z'),
    waitingSince: null,
    waitedMs: 0,
    messageCount: 0,
    firstReplyMs: null,
    ...over,
  };
}
