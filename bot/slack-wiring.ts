import { SLACK_CLIENT_POLICY } from '../adapters/slack/client-policy';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { chartRenderer } from '../adapters/charts/choose-renderer';
import { AppHome } from '../adapters/slack/app-home';
import { quickchartImageUrls, type ChartOutput } from '../adapters/slack/chart-images';
import { registerListeners } from '../adapters/slack/listeners';
import { EVENTS_PATH } from '../adapters/slack/manifest';
import { ReplySender } from '../adapters/slack/reply-sender';
import { ScreenshotFetcher } from '../adapters/slack/screenshot-fetcher';
import { SlackFileFetcher } from '../adapters/slack/file-fetcher';
import { SlackMessageController } from '../adapters/slack/message-controller';
import { SlackConversationNotifier } from '../adapters/slack/slack-conversation-notifier';
import { WorkLine } from '../adapters/slack/work-line';
import { createSlackApp, type SlackAppOptions } from '../adapters/slack/slack-app';
import { SlackController } from '../adapters/slack/slack-controller';
import type { SlackLog } from '../adapters/slack/slack-log';
import { SlackNotifier } from '../adapters/slack/slack-notifier';
import { Desk } from '../core/conversation/desk';
import { sinceRequestStart } from '../adapters/observability/request-context';
import type { Metrics } from '../adapters/observability/metrics';
import { OPS_PATHS, type OpsHandler } from '../adapters/observability/ops-routes';
import { deskFor, inRequestWithId } from './ops-wiring';
import type { DeskDeps } from '../core/desk/desk-deps';
import type { ChatPlatform } from './chat-platform';
import type { DeskRuntime } from './desk-wiring';
import { EnvironmentError, type Environment } from './environment';
import { slackProblems } from './environment-rules';
import { slackStartError } from './platform-start-error';

/** Slack's part of the environment, checked together: null when Slack is not configured at all. */
export interface SlackSettings {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  port: number;
  supportChannel: string;
  /** For the worker's breach alerts and digests (issue 7); the bot itself posts only to the support channel. */
  leadsChannel?: string;
  quickchartUrl?: string;
  /** Charts as image blocks on QUICKCHART_URL (it must be reachable from Slack's servers). */
  chartImageBlocks: boolean;
}

export function slackSettings(env: Environment): SlackSettings | null {
  const problems = slackProblems(env, true);
  if (problems.length > 0) throw new EnvironmentError(problems);
  // The rules above guarantee a token comes with its channel.
  if (!env.SLACK_BOT_TOKEN || !env.SLACK_SUPPORT_CHANNEL) return null;
  return {
    botToken: env.SLACK_BOT_TOKEN,
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
    port: env.PORT,
    supportChannel: env.SLACK_SUPPORT_CHANNEL,
    ...(env.SLACK_LEADS_CHANNEL ? { leadsChannel: env.SLACK_LEADS_CHANNEL } : {}),
    ...(env.QUICKCHART_URL ? { quickchartUrl: env.QUICKCHART_URL } : {}),
    chartImageBlocks: env.SLACK_CHARTS === 'quickchart',
  };
}

export interface SlackPlatformOptions {
  log: SlackLog;
  clientOptions?: SlackAppOptions['clientOptions'];
  /** The address HTTP mode listens on (all interfaces by default; tests use 127.0.0.1). */
  host?: string;
  submitDeadlineMs?: number;
  /** Acknowledgement latency and commands are recorded here when given. */
  metrics?: Metrics;
}

/**
 * Slack's composition root: the Bolt app, the notifier (built before the desk, reading the store when it
 * sends), then on start the controller, App Home and listeners over the desk, and the receiver.
 */
export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack';
  readonly app: App;
  readonly notifier: SlackNotifier;
  private readonly sender: ReplySender;
  private readonly charts: ChartOutput;
  private runtime: DeskRuntime | undefined;
  private controller: SlackController | undefined;
  private server: Server | undefined;
  private ops: OpsHandler | undefined;

  constructor(
    readonly settings: SlackSettings,
    private readonly wiring: SlackPlatformOptions,
  ) {
    this.app = createSlackApp({
      botToken: settings.botToken,
      ...(settings.signingSecret ? { signingSecret: settings.signingSecret } : {}),
      ...(settings.appToken ? { appToken: settings.appToken } : {}),
      ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}),
      log: wiring.log,
      clientOptions: { ...SLACK_CLIENT_POLICY, ...wiring.clientOptions },
      // The ops endpoints sit on Bolt's server in HTTP mode; they answer 404 until the bot hands them over.
      customRoutes: OPS_PATHS.map((path) => ({
        path,
        method: ['GET', 'HEAD'],
        handler: (req, res) => void (this.ops?.(req, res) || res.writeHead(404).end()),
      })),
      inRequest: inRequestWithId,
    });
    this.charts = {
      renderer: chartRenderer(settings.quickchartUrl ? { quickchartUrl: settings.quickchartUrl } : {}),
      ...(settings.chartImageBlocks && settings.quickchartUrl
        ? { imageUrl: quickchartImageUrls(settings.quickchartUrl) }
        : {}),
    };
    this.sender = new ReplySender({ client: this.app.client, charts: this.charts, log: wiring.log });
    this.notifier = new SlackNotifier({
      client: this.app.client,
      supportChannel: settings.supportChannel,
      ...(settings.leadsChannel ? { leadsChannel: settings.leadsChannel } : {}),
      store: () => this.deps().store,
      sender: this.sender,
      log: wiring.log,
      onDirect: (user) => this.controller?.refreshHome(user),
      conversation: new SlackConversationNotifier({
        client: this.app.client,
        supportChannel: settings.supportChannel,
        store: () => this.deps().store,
        sender: this.sender,
        log: wiring.log,
      }),
    });
  }

  async start(runtime: DeskRuntime): Promise<void> {
    this.runtime = runtime;
    const desk = deskFor(runtime.deps, this.wiring.metrics);
    const onDefect = (ref: string, e: unknown) => this.wiring.log.error(`unexpected error (ref ${ref})`, e);
    // The App Home renders its sections with commands: not counted as commands anyone ran.
    const home = new AppHome({ desk: new Desk(runtime.deps), client: this.app.client, charts: this.charts, onDefect });
    const fileHosts = allowedFileHosts(this.settings.apiUrl);
    // Commands, buttons and conversation messages wait in one bounded line: none crowds out the others' acks.
    const work = new WorkLine({ warn: (line) => this.wiring.log.warn(line) });
    this.controller = new SlackController({
      desk,
      work,
      client: this.app.client,
      sender: this.sender,
      home,
      screenshots: new ScreenshotFetcher({
        token: this.settings.botToken,
        allowedHosts: fileHosts,
        maxBytes: runtime.deps.config.maxScreenshotBytes,
      }),
      log: this.wiring.log,
      onDefect,
      onShed: (command) => this.wiring.metrics?.commandRan(command, 'shed'),
      ...(this.settings.leadsChannel ? { leadsChannel: this.settings.leadsChannel } : {}),
      ...(this.wiring.submitDeadlineMs ? { submitDeadlineMs: this.wiring.submitDeadlineMs } : {}),
    });
    const { maxScreenshotBytes, maxMessageFileBytes } = runtime.deps.config;
    const messages = new SlackMessageController({
      desk,
      // Core checks each file by its bytes against its own limit (images, PDF, text): fetch up to the larger one.
      files: new SlackFileFetcher({
        token: this.settings.botToken,
        allowedHosts: fileHosts,
        maxBytes: Math.max(maxScreenshotBytes, maxMessageFileBytes),
      }),
      sender: this.sender,
      work,
      log: this.wiring.log,
      onDefect,
    });
    registerListeners(
      this.app,
      this.controller,
      this.wiring.log,
      (surface) => {
        const ms = sinceRequestStart() ?? 0;
        this.wiring.metrics?.acked('slack', surface, ms);
        this.wiring.log.info(`slack ${surface} acknowledged in ${Math.round(ms)} ms`);
      },
      { controller: messages, supportChannels: [this.settings.supportChannel] },
    );
    // Slack's refusals and a Slack out of reach at start are the operator's to fix: say which token or URL.
    await this.app.init().catch((e: unknown) => {
      throw slackStartError(e, 'auth.test', this.settings.apiUrl);
    });
    if (this.settings.appToken) {
      await this.app.start().catch((e: unknown) => {
        throw slackStartError(e, 'apps.connections.open', this.settings.apiUrl);
      });
    } else {
      this.server = await this.app.start({
        port: this.settings.port,
        ...(this.wiring.host ? { host: this.wiring.host } : {}),
      });
      // The proxy in front reuses idle connections: one the bot closes first (Node's 5 s) races the proxy's next
      // request into a reset. Idle connections are kept past common proxy idle timeouts (60 s) instead.
      this.server.keepAliveTimeout = KEEP_ALIVE_MS;
      this.server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    }
  }

  notifyOnly(runtime: DeskRuntime): void {
    this.runtime = runtime;
  }

  /** HTTP mode serves the ops endpoints on Bolt's server; Socket Mode has no server to serve them on. */
  serveOps(handler: OpsHandler): boolean {
    if (this.settings.appToken) return false;
    this.ops = handler;
    return true;
  }

  /** Where Slack must send requests in HTTP mode (after start), e.g. http://127.0.0.1:3000/slack/events. */
  get eventsUrl(): string | null {
    const a = this.server?.address() as AddressInfo | null | undefined;
    if (!a) return null;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}${EVENTS_PATH}`;
  }

  describe(): string {
    return this.settings.appToken
      ? 'Slack (Socket Mode)'
      : `Slack (HTTP on port ${this.settings.port}, ${EVENTS_PATH})`;
  }

  /**
   * Stops taking requests (HTTP mode: the server stops listening; Socket Mode: the socket closes), lets the
   * requests in flight finish, then the answers and App Home refreshes that follow them.
   */
  async stop(): Promise<void> {
    // Keep-alive connections the finished requests leave idle would hold the server's close for its
    // keep-alive timeout (5 s): close each as it goes idle.
    const server = this.server;
    const idle = server ? setInterval(() => server.closeIdleConnections(), 50) : undefined;
    try {
      await this.app.stop();
    } finally {
      clearInterval(idle);
    }
    await this.controller?.drain();
  }

  private deps(): DeskDeps {
    if (!this.runtime) throw new Error('the Slack platform is not started');
    return this.runtime.deps;
  }
}

const KEEP_ALIVE_MS = 65_000;

/** Hosts the bot token may be sent to when fetching an uploaded file: Slack's, and the API override's. */
function allowedFileHosts(apiUrl: string | undefined): string[] {
  return ['files.slack.com', ...(apiUrl ? [new URL(apiUrl).host] : [])];
}
