/** Form fields Slack's clients send as JSON strings: the fake records them parsed. */
const JSON_FIELDS = new Set(['blocks', 'view', 'files', 'attachments', 'file_uploads']);

/** A request's form or JSON fields, with JSON-string fields (`blocks`, `view`, `files`) parsed; {} for other bodies. */
export function parseSlackBody(type: string | undefined, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (type?.startsWith('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (type?.startsWith('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
    return out;
  }
  return {};
}
