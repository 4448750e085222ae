import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './log-levels';
import { currentRequest } from './request-context';
import { scrubber, scrubDeep, type Scrub } from './scrub';

/** Keys whose values never reach a log line, at the top level or one object down (pino `redact` paths). */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'password',
  'passwordHash',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
];
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
];

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go: stderr by default; tests pass a buffer. */
  destination?: DestinationStream;
  /** Values known to be secret (this process's tokens, signing secret), replaced wherever they appear. */
  secrets?: readonly (string | undefined)[];
  /** Which process writes: `bot` or `worker`. */
  name?: string;
}

/**
 * JSON lines (pino) with the current request's id on each (from the async context, so nothing passes a logger
 * down), and secrets kept out twice: by key (`redact`) and by value (a scrubber over messages, fields and errors).
 */
export function createLogger(o: LoggerOptions = {}): Logger {
  const scrub = scrubber(o.secrets);
  return pino(
    {
      level: o.level ?? 'info',
      ...(o.name ? { name: o.name } : {}),
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => {
        const r = currentRequest();
        return r ? { requestId: r.id } : {};
      },
      serializers: { err: (e: Error) => scrubbedError(e, scrub) },
      formatters: { log: (obj) => scrubDeep(obj, scrub) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a: unknown) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    o.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

function scrubbedError(e: Error, scrub: Scrub): Record<string, unknown> {
  const s = pino.stdSerializers.errWithCause(e) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) out[k] = scrubDeep(v, scrub);
  return out;
}

/** The small log interface the adapters and entry points take (SlackLog, DiscordLog, BotLog), written by pino. */
export interface LineLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function lineLog(logger: Logger): LineLog {
  return {
    info: (m) => logger.info(m),
    warn: (m) => logger.warn(m),
    error: (m, e) => {
      if (e === undefined) logger.error(m);
      else if (e instanceof Error) logger.error({ err: e }, m);
      // An object stays an object, so the redact paths apply to its keys.
      else logger.error({ detail: typeof e === 'object' && e !== null ? e : String(e) }, m);
    },
  };
}
