import { processLog } from '../../bot/process-log';
import { readEnvironment } from '../../bot/environment';

export interface LogRecord {
  level: number;
  msg: string;
  requestId?: string;
  err?: { message?: string; stack?: string };
  [key: string]: unknown;
}

/**
 * The process log as `cqms bot` builds it (pino, the environment's secrets, LOG_LEVEL), writing into memory:
 * the raw text (to grep for secrets) and the parsed lines.
 */
export function capturedLog(env: Record<string, string>, level = 'debug') {
  const chunks: string[] = [];
  const { log } = processLog(readEnvironment({ ...env, LOG_LEVEL: level }), 'bot', {
    write: (s: string) => void chunks.push(s),
  });
  return {
    log,
    text: () => chunks.join(''),
    records: (): LogRecord[] =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LogRecord),
  };
}

/** The secrets among `values` that appear anywhere in the text. */
export function leaked(text: string, values: Record<string, string>): string[] {
  return Object.entries(values)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);
}
