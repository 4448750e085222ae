import type { QueryMessage } from '../../core/domain/query-message';

/**
 * The seq of the stored message each shown text carries (a copy, or the original where it was written), in the
 * order shown; texts that carry no message are left out. Message texts must not contain one another.
 */
export function seqsShown(shown: readonly string[], messages: readonly QueryMessage[]): number[] {
  return shown.flatMap((s) => {
    const of = messages.filter((m) => m.text !== '' && s.includes(m.text));
    if (of.length > 1) throw new Error(`a shown text carries ${of.length} messages: ${s}`);
    return of.map((m) => m.seq);
  });
}
