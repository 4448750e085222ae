/**
 * How long a run that found work claimed by another should wait before looking again: as long as the claim is
 * old, at least `firstMs` and at most until the lease runs out. Work being done right now is seen done a moment
 * later, and a dead holder is taken over in about log2(lease / first) waits, well within a queue's cap on them.
 */
export function leaseWaitMs(claimAgeMs: number, leaseMs: number, firstMs: number): number {
  return Math.max(firstMs, Math.min(claimAgeMs, leaseMs - claimAgeMs));
}
