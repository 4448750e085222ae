/** A card's version as a message ref field, when it has one. */
export function versionField(version: number | undefined): { cardVersion?: number } {
  return version === undefined ? {} : { cardVersion: version };
}
