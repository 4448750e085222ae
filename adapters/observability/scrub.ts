/**
 * Secrets recognised by their shape wherever they appear in text (a message, an error, a URL in a stack):
 * Slack tokens, Discord bot and interaction tokens, argon2 hashes, Authorization values, URL passwords.
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/\bxox[abeoprs]-[A-Za-z0-9-]+/g, 'xox?-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  [/\$argon2(?:id|i|d)\$[A-Za-z0-9$,=/+.-]+/g, '$argon2[redacted]'],
  // Discord bot tokens: base64 user id, a timestamp, an HMAC, separated by dots.
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, '[redacted discord token]'],
  // Interaction tokens ride in webhook and callback URLs; they also start with base64 of "interaction:".
  [/((?:interactions|webhooks)\/\d{5,}\/)[A-Za-z0-9_.-]{8,}/g, '$1[redacted]'],
  [/\baW50ZXJhY3Rpb246[A-Za-z0-9_.-]+/g, '[redacted interaction token]'],
  // A credential has a digit in it: "Bot configuration" stays readable.
  [/\b(Bearer|Bot|Basic)\s+(?=[A-Za-z_.+/=-]*\d)[A-Za-z0-9_.+/=-]{8,}/g, '$1 [redacted]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s/]+@/gi, '$1[redacted]@'],
  [/\b(v0=)[0-9a-f]{64}\b/g, '$1[redacted]'],
];

export type Scrub = (text: string) => string;

/** A scrubber for the shapes above and for the exact values given (the signing secret, tokens of this process). */
export function scrubber(secrets: readonly (string | undefined)[] = []): Scrub {
  // Longest first, so a secret containing another is replaced whole; very short values would blank out ordinary words.
  const exact = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const s of exact) out = out.split(s).join('[redacted]');
    for (const [re, by] of PATTERNS) out = out.replace(re, by);
    return out;
  };
}

/** Keys whose values are secret wherever they sit (a token field of a request deep inside an error). */
const SECRET_KEY = /^(?:.*token|.*secret|password.*|authorization|cookie|x-slack-signature)$/i;
const MAX_KEYS = 50;

/**
 * Scrubs every string in a value: objects and arrays are copied (depth and width bounded), values under secret
 * keys replaced; Error instances are left to the error serializer, which calls this on their fields.
 */
export function scrubDeep(value: unknown, scrub: Scrub, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object' || value instanceof Error || value instanceof Date) return value;
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (depth > 6) return '[deeper]';
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => scrubDeep(v, scrub, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, MAX_KEYS))
    out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? '[redacted]' : scrubDeep(v, scrub, depth + 1);
  return out;
}
