/**
 * The NODE_OPTIONS docker-compose.yml gives one service, read from the file as written (no YAML library: the
 * file keeps one `NODE_OPTIONS: "..."` line per service that sets it). The load bench runs the bot with them,
 * so what it measures is what production runs.
 */
export function composeNodeOptions(compose: string, service: string): string | null {
  const lines = compose.split('\n');
  const start = lines.indexOf(`  ${service}:`);
  if (start < 0) return null;
  for (const line of lines.slice(start + 1)) {
    if (/^ {2}\S/.test(line) || /^\S/.test(line)) break; // the next service, or the next top-level key
    const m = /^\s+NODE_OPTIONS:\s*"([^"]*)"/.exec(line);
    if (m) return m[1]!;
  }
  return null;
}
