/** Why a request never got an answer, in words, by the system's or undici's error code. */
const CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS did not answer)',
  ETIMEDOUT: 'it did not answer in time',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'it did not answer in time',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/**
 * The network cause somewhere in an error's chain (`cause`, an HTTP client's `original`, an AggregateError's
 * `errors` when every address of a host failed), or null when the request got an answer or failed otherwise.
 */
export function networkCause(e: unknown, depth = 0): { code: string; text: string } | null {
  if (!e || typeof e !== 'object' || depth > 6) return null;
  const { code, cause, original, errors } = e as {
    code?: unknown;
    cause?: unknown;
    original?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && CAUSES[code]) return { code, text: CAUSES[code] };
  for (const next of [cause, original, ...(Array.isArray(errors) ? errors : [])]) {
    const found = networkCause(next, depth + 1);
    if (found) return found;
  }
  return null;
}
