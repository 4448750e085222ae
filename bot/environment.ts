import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ValidationFailed } from '../core/errors';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../adapters/storage/database-url';
import { LOG_LEVELS } from '../adapters/observability/log-levels';
import { DEFAULT_DESK_CONFIG } from '../core/config/desk-config';
import { slaPolicySchema, type SlaPolicy } from '../core/sla/sla-policy';
import { crossFieldProblems, type ProcessRole } from './environment-rules';
import { SHUTDOWN_GRACE_MS } from './graceful-stop';

export type { ProcessRole } from './environment-rules';
import { isCronPattern } from '../adapters/queue/cron-timer';

/** An empty variable counts as unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** A Discord id (a snowflake: 17 to 20 digits). */
const snowflake = (what: string) =>
  unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^\d{17,20}$/, `must be ${what} id (17 to 20 digits)`),
  );

/** A digest's cron pattern (minute hour day month weekday), or 'off'. */
const digestCron = (fallback: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .trim()
      .default(fallback)
      .refine((p) => p === 'off' || isCronPattern(p), 'must be a cron pattern such as "0 9 * * 1", or off'),
  );

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Every variable the processes read, parsed once at start; nothing below bot/ touches process.env. */
const environmentSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1, 'is empty: set mysql://user:pass@host:3306/db or sqlite:path/to/file.db, or leave it unset for the default')
    .superRefine(checkDatabaseUrl)
    .default(DEFAULT_DATABASE_URL),
  /** Slack: a bot token (xoxb-) turns the adapter on; HTTP mode needs the signing secret, Socket Mode the app token. */
  SLACK_BOT_TOKEN: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^xoxb-/, 'must be a bot token (xoxb-...)'),
  ),
  SLACK_SIGNING_SECRET: unsetIfEmpty(z.string().trim().min(1)),
  SLACK_APP_TOKEN: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^xapp-/, 'must be an app-level token (xapp-...)'),
  ),
  /** Web API base URL override (a proxy; a fake in tests). */
  SLACK_API_URL: unsetIfEmpty(z.url().transform((u) => (u.endsWith('/') ? u : `${u}/`))),
  SLACK_SUPPORT_CHANNEL: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id such as C0123456789'),
  ),
  SLACK_LEADS_CHANNEL: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id such as C0123456789'),
  ),
  /** Charts on Slack: uploaded PNG files, or image blocks on QUICKCHART_URL (only when Slack can reach that server). */
  SLACK_CHARTS: z.enum(['upload', 'quickchart']).default('upload'),
  /** Discord: the bot token and application id turn the adapter on; cards go to the support channel. */
  DISCORD_TOKEN: unsetIfEmpty(z.string().trim().min(1)),
  DISCORD_APPLICATION_ID: snowflake('an application'),
  DISCORD_SUPPORT_CHANNEL_ID: snowflake('a channel'),
  DISCORD_LEADS_CHANNEL_ID: snowflake('a channel'),
  /** REST base URL override (a proxy; a fake in tests): discord.js adds /v10, and takes the gateway URL from its /gateway/bot. */
  DISCORD_API_URL: unsetIfEmpty(z.url().transform((u) => u.replace(/\/+$/, ''))),
  /** Redis for the job queue (redis://host:port[/db]): `cqms bot` enqueues to BullMQ and `cqms worker` runs the jobs; unset, jobs run in-process. */
  REDIS_URL: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  ),
  /** BullMQ key prefix (BullMQ's `bull` when unset): desks sharing one Redis keep apart by it. */
  CQMS_QUEUE_PREFIX: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
  ),
  /** Port of the HTTP endpoint (Slack's /slack/events in HTTP mode, and /healthz, /readyz, /metrics). */
  PORT: z.coerce.number('must be a port number (0 to 65535)').int().min(0).max(65535).default(3000),
  /** Port of `cqms worker`'s /healthz, /readyz and /metrics. */
  WORKER_PORT: z.coerce.number('must be a port number (0 to 65535)').int().min(0).max(65535).default(3001),
  /**
   * How long `cqms bot` and `cqms worker` may take to stop after SIGTERM before they exit anyway (code 1): keep it
   * under the orchestrator's own wait before SIGKILL (Kubernetes 30 s, `docker stop` and compose 10 s).
   */
  CQMS_SHUTDOWN_GRACE_MS: z.coerce
    .number('must be a number of milliseconds')
    .int()
    .min(1000, 'must be at least 1000 (ms)')
    .default(SHUTDOWN_GRACE_MS),
  /** Least severe log level written (JSON lines on stderr). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  CQMS_CATEGORIES: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean)
        : undefined,
    ),
  /**
   * A staff message in a support thread starting with this goes to the client (the prefix removed); any other is
   * an internal note. One word, so it cannot be typed by accident in the middle of a note.
   */
  CQMS_PUBLIC_REPLY_PREFIX: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .trim()
      .default(DEFAULT_DESK_CONFIG.publicReplyPrefix)
      .refine((p) => /^\S{1,20}$/.test(p), 'must be 1 to 20 characters with no spaces, such as !reply'),
  ),
  /** A JSON SLA policy, read and checked at start so a bad file stops the process before it serves anyone. */
  CQMS_SLA_FILE: unsetIfEmpty(z.string().trim().transform(readSlaFile)),
  /** For `cqms users add` in scripts, so the password stays out of shell history. */
  CQMS_PASSWORD: z.string().optional(),
  CQMS_DEBUG: z.string().optional(),
  /** A self-hosted QuickChart server; charts are drawn locally (no network) when unset. */
  QUICKCHART_URL: z.string().trim().optional(),
  /** Where the shell writes chart PNGs and file exports. */
  CQMS_CHARTS_DIR: z.string().trim().min(1).default('data/charts'),
  CQMS_EXPORTS_DIR: z.string().trim().min(1).default('data/exports'),
  /** The leads' digests: when they are posted (cron, in CQMS_DIGEST_TZ), or 'off'. */
  CQMS_DIGEST_DAILY_CRON: digestCron('0 9 * * *'),
  CQMS_DIGEST_WEEKLY_CRON: digestCron('0 9 * * 1'),
  CQMS_DIGEST_TZ: z.string().trim().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  /** Any non-empty value turns terminal colours off (https://no-color.org). */
  NO_COLOR: z.string().optional(),
});

export type Environment = z.output<typeof environmentSchema>;

/** The variables the schema knows (the deploy files document exactly these). */
export const ENVIRONMENT_KEYS: readonly string[] = Object.keys(environmentSchema.shape);

/** A configuration the process cannot start with; `problems` names every one found, not only the first. */
export class EnvironmentError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.length === 1 ? (list[0] ?? '') : `Invalid configuration: ${list.join('; ')}`);
    this.problems = list;
  }
}

/**
 * Parses the whole environment once, at start: every malformed variable (zod reports them all), every broken
 * pair of variables, and for a service (`role`) what it cannot run without, in one EnvironmentError.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, role?: ProcessRole): Environment {
  const r = environmentSchema.safeParse(env);
  const problems = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  problems.push(...crossFieldProblems(env, role));
  if (problems.length > 0 || !r.success) throw new EnvironmentError(problems);
  return r.data;
}

/**
 * A URL the store can open: its form, and for SQLite a directory that exists. Only the default's directory is
 * created on demand (data/ beside a checkout); a path given that leads nowhere is more likely a typo than a wish.
 */
function checkDatabaseUrl(url: string, ctx: z.RefinementCtx): void {
  if (url === '') return; // said by min(1)
  try {
    const target = parseDatabaseUrl(url);
    if (target.dialect === 'sqlite' && target.file !== ':memory:' && !existsSync(dirname(target.file))) {
      ctx.addIssue({
        code: 'custom',
        message: `the directory ${dirname(target.file)} does not exist: create it, or correct the path (sqlite:path/to/file.db)`,
      });
    }
  } catch (e) {
    if (!(e instanceof ValidationFailed)) throw e;
    for (const i of e.issues) ctx.addIssue({ code: 'custom', message: i.message });
  }
}

function readSlaFile(path: string, ctx: z.RefinementCtx): { path: string; policy: SlaPolicy } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    });
    return z.NEVER;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `${path} is not valid JSON (${(e as Error).message})` });
    return z.NEVER;
  }
  const policy = slaPolicySchema.safeParse(json);
  if (policy.success) return { path, policy: policy.data };
  for (const i of policy.error.issues)
    ctx.addIssue({ code: 'custom', message: `${path}: ${i.path.join('.') || 'policy'}: ${i.message}` });
  return z.NEVER;
}
