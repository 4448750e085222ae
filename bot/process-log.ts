import type { DestinationStream, Logger } from 'pino';
import { createLogger, lineLog } from '../adapters/observability/logger';
import type { BotLog } from './bot-process';
import type { Environment } from './environment';

/** The values of this environment that must never appear in a log line, whatever their shape. */
export function environmentSecrets(env: Environment): (string | undefined)[] {
  return [
    env.SLACK_BOT_TOKEN,
    env.SLACK_SIGNING_SECRET,
    env.SLACK_APP_TOKEN,
    env.DISCORD_TOKEN,
    env.CQMS_PASSWORD,
    ...[env.DATABASE_URL, env.REDIS_URL].map(urlPassword),
  ];
}

function urlPassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** The process's log: JSON lines on stderr (or `destination`) at LOG_LEVEL, with this environment's secrets scrubbed. */
export function processLog(
  env: Environment,
  name: 'bot' | 'worker',
  destination?: DestinationStream,
): { logger: Logger; log: BotLog } {
  const logger = createLogger({
    level: env.LOG_LEVEL,
    name,
    secrets: environmentSecrets(env),
    ...(destination ? { destination } : {}),
  });
  return { logger, log: lineLog(logger) };
}
