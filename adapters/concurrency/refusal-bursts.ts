/**
 * Refusals of work past a bound, told once a burst rather than once a refusal: at the first refusal, and with
 * the count once the line has drained to half its bound (at the first free place, a line hovering at its bound
 * would log twice a request).
 */
export class RefusalBursts {
  /** Refused since the line last had room. */
  private refused = 0;

  constructor(private readonly warning: { noun: string; warn?: ((line: string) => void) | undefined }) {}

  /** A refusal; `state` says how full the line is ("12 requests waiting"). */
  refuse(state: string): void {
    if (this.refused++ === 0)
      this.warning.warn?.(
        `the desk is overloaded (${state}): new ${this.warning.noun} are answered "busy" and not run`,
      );
  }

  /** Work taken while `held` were in line, out of `bound`. */
  taken(held: number, bound: number): void {
    if (this.refused > 0 && held < bound / 2) {
      this.warning.warn?.(`the desk takes ${this.warning.noun} again; ${this.refused} were refused as busy`);
      this.refused = 0;
    }
  }
}
