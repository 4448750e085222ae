// Ids such as "Q0001234" are kept as a small number per prefix: a 1,000,000-row file then needs
// about half the memory of a set of strings. The digit count is part of the key, so "Q01" != "Q1".
const PREFIXED_NUMBER = /^(\D*)(\d{1,8})$/;

/** The query_ids seen so far; the one structure of the cleaner that grows with the file. */
export class SeenIds {
  private readonly numbered = new Map<string, Set<number>>();
  private readonly others = new Set<string>();

  /** Adds the id; returns false when it was already there. */
  add(id: string): boolean {
    const m = PREFIXED_NUMBER.exec(id);
    if (!m) return this.others.size !== this.others.add(id).size;
    const prefix = m[1] ?? '';
    const digits = m[2] ?? '';
    const key = Number(digits) * 10 + digits.length;
    let set = this.numbered.get(prefix);
    if (!set) this.numbered.set(prefix, (set = new Set()));
    return set.size !== set.add(key).size;
  }
}
