import { App, LogLevel, type CustomRoute, type HTTPReceiverOptions, type Logger, type webApi } from '@slack/bolt';
import { bodyLimitedReceiver } from './body-limit';
import { EVENTS_PATH } from './manifest';
import type { SlackLog } from './slack-log';

export interface SlackAppOptions {
  /** xoxb-…: every Web API call. */
  botToken: string;
  /** HTTP mode: requests are verified with it (Slack's v0 HMAC, at most 5 minutes old). */
  signingSecret?: string;
  /** xapp-…: Socket Mode, no public URL needed. Takes precedence over HTTP mode. */
  appToken?: string;
  /** Web API base URL (a proxy, or a fake in tests), ending with a slash. */
  apiUrl?: string;
  log: SlackLog;
  /** Retries, timeout: tests turn the 30-minute default retry policy off. */
  clientOptions?: Pick<webApi.WebClientOptions, 'retryConfig' | 'timeout' | 'rejectRateLimitedCalls'>;
  /** HTTP mode: more routes on the same server (the health and metrics endpoints). */
  customRoutes?: CustomRoute[];
  /**
   * Runs each request inside the caller's context (its log id): in HTTP mode from the request's arrival, with
   * no id yet; in Socket Mode from Bolt's first middleware, with the payload's trigger id when it has one.
   */
  inRequest?: <T>(id: string | undefined, run: () => T) => T;
}

/**
 * The Bolt app in Socket Mode (SLACK_APP_TOKEN) or HTTP mode (`/slack/events`, signed requests). Created
 * with deferred initialization: the caller awaits `app.init()` (auth.test), so a bad token is a clear
 * startup error rather than an unhandled rejection.
 */
export function createSlackApp(o: SlackAppOptions): App {
  const clientOptions = { ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}), ...o.clientOptions };
  const logger = boltLogger(o.log);
  if (o.appToken) {
    // Frames keep undici's 128 MiB limit rather than SLACK_BODY_LIMIT, on purpose. The socket is one the bot opened
    // to Slack over TLS with its app token, so only Slack can send on it (the HTTP endpoint's limit is for anyone
    // on the internet). Lowering it means our own undici Agent as `dispatcher`, and then the library no longer
    // destroys a stalled socket when it reconnects: a worse trade than trusting Slack's frame sizes.
    const app = new App({
      token: o.botToken,
      appToken: o.appToken,
      socketMode: true,
      clientOptions,
      logger,
      deferInitialization: true,
    });
    const inRequest = o.inRequest;
    if (inRequest) app.use(({ body, next }) => inRequest(triggerIdOf(body), next));
    return app;
  }
  if (!o.signingSecret)
    throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
  const receiver = bodyLimitedReceiver({
    signingSecret: o.signingSecret,
    endpoints: EVENTS_PATH,
    // Acknowledge first, work after: the HTTP answer goes out as soon as a listener calls ack().
    processBeforeResponse: false,
    customRoutes: o.customRoutes ?? [],
    unhandledRequestHandler: notAcknowledged,
    logger,
  });
  const inRequest = o.inRequest;
  if (inRequest) {
    const listener = receiver.requestListener;
    receiver.requestListener = (req, res) => inRequest(undefined, () => listener(req, res));
  }
  return new App({ token: o.botToken, receiver, clientOptions, logger, deferInitialization: true });
}

function triggerIdOf(body: unknown): string | undefined {
  const id = (body as { trigger_id?: unknown } | null)?.trigger_id;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * A request no listener acknowledged within 3 s: nearly always a payload no listener takes (another app's
 * event type, a crafted body), so a warning rather than Bolt's error line; answered 404 as Bolt does.
 */
const notAcknowledged: NonNullable<HTTPReceiverOptions['unhandledRequestHandler']> = ({ logger, response }) => {
  logger.warn(
    'A Slack request was not acknowledged within 3 s (no listener takes it, or one was too slow); answered 404.',
  );
  if (!response.headersSent) response.writeHead(404).end();
};

/** Bolt's logger interface over ours; Bolt's debug chatter is dropped. */
export function boltLogger(log: SlackLog): Logger {
  let level = LogLevel.INFO;
  const line = (msg: unknown[]) =>
    msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => {
      if (level === LogLevel.INFO || level === LogLevel.DEBUG) log.info(line(msg));
    },
    warn: (...msg: unknown[]) => {
      if (level !== LogLevel.ERROR) log.warn(line(msg));
    },
    error: (...msg: unknown[]) =>
      log.error(
        line(msg),
        msg.find((m) => m instanceof Error),
      ),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
