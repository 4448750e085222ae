/**
 * `work`'s outcome, or `late()`'s once `ms` have passed without one (a value to go on with, or a throw to fail
 * with). The work goes on either way; the timer never outlives the race.
 */
export function within<T, L>(work: Promise<T>, ms: number, late: () => L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const lateOutcome = new Promise<L>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(late());
      } catch (e) {
        reject(e);
      }
    }, ms);
  });
  return Promise.race([work, lateOutcome]).finally(() => clearTimeout(timer));
}
