/**
 * A staff message in a support thread is internal unless it starts with the public prefix (`!reply`, any case,
 * followed by a space, a line break or nothing): then it goes to the client, without the prefix.
 */
export function publicText(text: string, prefix: string): string | null {
  const t = text.trimStart();
  if (!prefix || t.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const rest = t.slice(prefix.length);
  return rest === '' || /^\s/.test(rest) ? rest.trim() : null;
}
