import { within } from '../core/async/within';
import { Events, RESTEvents, type Client } from 'discord.js';
import { chartRenderer } from '../adapters/charts/choose-renderer';
import { AttachmentFetcher, DISCORD_FILE_HOSTS } from '../adapters/discord/attachment-fetcher';
import { createDiscordClient, currentRest, type DiscordClientOptions } from '../adapters/discord/discord-client';
import { messageContentRefused, onIntentRefused } from '../adapters/discord/intent-refusal';
import { MessageIntake } from '../adapters/discord/message-intake';
import { onMessageEvents } from '../adapters/discord/message-source';
import { SupportThreads, type ChannelShape } from '../adapters/discord/support-threads';
import type { DiscordLog } from '../adapters/discord/discord-log';
import { DiscordNotifier } from '../adapters/discord/discord-notifier';
import { DeskCalls, DOWNLOAD_PEEK_MS } from '../adapters/discord/desk-calls';
import { storeKeys } from '../adapters/discord/handled-once';
import { InteractionRouter } from '../adapters/discord/interaction-router';
import { registerListeners } from '../adapters/discord/listeners';
import { PendingUploads } from '../adapters/discord/pending-uploads';
import { RecentInteractions, type InteractionTokens } from '../adapters/discord/recent-interactions';
import { RedisInteractionTokens } from '../adapters/discord/redis-interaction-tokens';
import type { Metrics } from '../adapters/observability/metrics';
import { deskFor } from './ops-wiring';
import type { ChartRenderer } from '../core/ports/chart-renderer';
import type { ChatPlatform } from './chat-platform';
import type { DeskRuntime } from './desk-wiring';
import { EnvironmentError, type Environment } from './environment';
import { discordProblems } from './environment-rules';
import { DISCORD_API_URL, discordStartError, PlatformStartError } from './platform-start-error';

/** Discord's part of the environment, checked together: null when Discord is not configured at all. */
export interface DiscordSettings {
  token: string;
  applicationId: string;
  supportChannelId: string;
  /** For the worker's breach alerts and digests (issue 7); the bot itself posts only to the support channel. */
  leadsChannelId?: string;
  apiUrl?: string;
  quickchartUrl?: string;
  /** With REDIS_URL the recent interaction tokens live in Redis (under the queue prefix), read by every process. */
  tokensIn?: { redisUrl: string; prefix: string };
}

export function discordSettings(env: Environment): DiscordSettings | null {
  const problems = discordProblems(env, true);
  if (problems.length > 0) throw new EnvironmentError(problems);
  // The rules above guarantee the token, the application id and the channel come together.
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID || !env.DISCORD_SUPPORT_CHANNEL_ID) return null;
  return {
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    supportChannelId: env.DISCORD_SUPPORT_CHANNEL_ID,
    ...(env.DISCORD_LEADS_CHANNEL_ID ? { leadsChannelId: env.DISCORD_LEADS_CHANNEL_ID } : {}),
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
    ...(env.QUICKCHART_URL ? { quickchartUrl: env.QUICKCHART_URL } : {}),
    ...(env.REDIS_URL ? { tokensIn: { redisUrl: env.REDIS_URL, prefix: env.CQMS_QUEUE_PREFIX ?? 'cqms' } } : {}),
  };
}

export interface DiscordPlatformOptions {
  log: DiscordLog;
  rest?: DiscordClientOptions['rest'];
  /** How long work may run before an interaction is deferred (Discord allows 3 s for a first answer). */
  ackBudgetMs?: number;
  /** How long start() waits for the gateway's READY, and stop() for the connection to close. */
  connectTimeoutMs?: number;
  /** Acknowledgement latency and commands are recorded here when given. */
  metrics?: Metrics;
  /** The notifier's clock (tests move it past an interaction's 15-minute window). */
  now?: () => Date;
}

/** `work`, or a failure naming what took longer than `ms`. */
const inTime = <T>(work: Promise<T>, ms: number, what: string) =>
  within(work, ms, () => {
    throw new Error(`${what} took longer than ${ms} ms`);
  });

/**
 * Discord's composition root: the discord.js client and the notifier (built before the desk, reading the store
 * when it sends); on start the router over the desk, fed by the client's interactions, and the message intake fed
 * by its message dispatches, then the login. When Discord refuses the Message Content intent (4014), one line says
 * how to switch it on and the bot logs in again without it: commands, buttons and DMs keep working.
 */
export class DiscordPlatform implements ChatPlatform {
  readonly name = 'discord';
  readonly notifier: DiscordNotifier;
  private current: Client;
  /** false once Discord refused the Message Content intent: server messages then arrive without their text. */
  private messageContent = true;
  /** The current client's gateway closed with 4014. */
  private refused = false;
  private connected = false;
  private readonly charts: ChartRenderer;
  private readonly recent: InteractionTokens;
  private runtime: DeskRuntime | undefined;
  private router: InteractionRouter | undefined;
  private intake: MessageIntake | undefined;
  private detach: (() => void)[] = [];

  constructor(
    readonly settings: DiscordSettings,
    private readonly wiring: DiscordPlatformOptions,
  ) {
    this.current = this.newClient();
    this.charts = chartRenderer(settings.quickchartUrl ? { quickchartUrl: settings.quickchartUrl } : {});
    // The bot answers interactions, a worker may deliver the notification: with Redis both read the same tokens.
    this.recent = settings.tokensIn
      ? new RedisInteractionTokens(settings.tokensIn.redisUrl, settings.tokensIn.prefix)
      : new RecentInteractions();
    this.notifier = new DiscordNotifier({
      rest: currentRest(() => this.current),
      supportChannels: [settings.supportChannelId],
      ...(settings.leadsChannelId ? { leadsChannels: [settings.leadsChannelId] } : {}),
      store: () => this.started().deps.store,
      charts: this.charts,
      recent: this.recent,
      log: wiring.log,
      ...(wiring.now ? { now: wiring.now } : {}),
    });
  }

  /** The discord.js client in use (replaced by one without Message Content when Discord refuses that intent). */
  get client(): Client {
    return this.current;
  }

  notifyOnly(runtime: DeskRuntime): void {
    this.runtime = runtime;
    this.current.rest.setToken(this.settings.token); // REST only: no gateway login
  }

  async start(runtime: DeskRuntime): Promise<void> {
    this.runtime = runtime;
    const { deps } = runtime;
    const desk = deskFor(deps, this.wiring.metrics);
    const log = this.wiring.log;
    const onDefect = (ref: string, e: unknown) => log.error(`unexpected error (ref ${ref})`, e);
    const hosts = fileHosts(this.settings.apiUrl);
    const calls = new DeskCalls({
      desk,
      charts: this.charts,
      files: new AttachmentFetcher({ allowedHosts: hosts, maxBytes: deps.config.maxScreenshotBytes }),
      uploads: new PendingUploads(),
      log,
      onDefect,
      // The peek at a screenshot must leave most of the ack budget for opening the modal.
      ...(this.wiring.ackBudgetMs
        ? { downloadPeekMs: Math.min(DOWNLOAD_PEEK_MS, Math.floor(this.wiring.ackBudgetMs * 0.4)) }
        : {}),
    });
    this.router = new InteractionRouter({
      desk,
      calls,
      once: storeKeys(
        () => deps.store.idempotency,
        () => deps.clock.now(),
      ),
      recent: this.recent,
      log,
      onShed: (command) => this.wiring.metrics?.commandRan(command, 'shed'),
      ...(this.wiring.ackBudgetMs ? { ackBudgetMs: this.wiring.ackBudgetMs } : {}),
    });
    const rest = currentRest(() => this.current);
    this.intake = new MessageIntake({
      desk,
      threads: new SupportThreads({
        supportChannels: [this.settings.supportChannelId],
        cached: (id) => channelShape(this.current, id),
        rest,
      }),
      files: new AttachmentFetcher({ allowedHosts: hosts, maxBytes: deps.config.maxMessageFileBytes }),
      rest,
      render: (reply) => calls.render(reply),
      readsServerText: () => this.messageContent,
      log,
      onDefect,
      now: () => deps.clock.now(),
    });
    this.attach();
    try {
      await this.connect();
    } catch (e) {
      if (!this.refused) throw e;
      await this.withoutMessageContent();
    }
    this.connected = true;
  }

  describe(): string {
    const content = this.messageContent ? '' : '; Message Content refused: thread messages are not read';
    return `Discord (application ${this.settings.applicationId}, ${this.current.ws.shards.size} shard(s), cards in channel ${this.settings.supportChannelId}${content})`;
  }

  /**
   * Takes no more interactions or messages, lets those being handled finish and the notifications they queued go
   * out (destroying the client also ends its REST client), then closes the gateway connection.
   */
  async stop(): Promise<void> {
    const timeout = this.wiring.connectTimeoutMs ?? 10_000;
    const warn = (e: unknown) => this.wiring.log.warn(e instanceof Error ? e.message : String(e));
    for (const d of this.detach.splice(0)) d();
    await this.router?.drain();
    await inTime(this.intake?.drain() ?? Promise.resolve(), timeout, 'hearing the last messages').catch(warn);
    if (this.runtime) await inTime(this.runtime.settle(), timeout, 'delivering the last notifications').catch(warn);
    await inTime(this.current.destroy(), timeout, 'closing the Discord connection').catch(warn);
    await this.release();
  }

  async release(): Promise<void> {
    await this.recent.close();
  }

  private newClient(): Client {
    return createDiscordClient({
      ...(this.settings.apiUrl ? { apiUrl: this.settings.apiUrl } : {}),
      ...(this.wiring.rest ? { rest: this.wiring.rest } : {}),
      messageContent: this.messageContent,
    });
  }

  /** Feeds the router and the intake from the current client, and watches it for errors and a refused intent. */
  private attach(): void {
    const client = this.current;
    const log = this.wiring.log;
    const router = this.router!;
    const intake = this.intake!;
    this.detach.push(
      registerListeners(client, router, log, (surface, ms) => this.wiring.metrics?.acked('discord', surface, ms)),
      onMessageEvents(
        client,
        () => client.user?.id ?? this.settings.applicationId,
        (e) => intake.take(e),
      ),
      onIntentRefused(client, () => {
        this.refused = true;
        // At login the failed login itself leads here; later, discord.js has given up on the connection.
        if (this.connected)
          void this.withoutMessageContent().catch((e: unknown) =>
            log.error('reconnecting to Discord without the Message Content intent failed', e),
          );
      }),
    );
    client.on(Events.Error, (e) => log.error('Discord client error', e));
    // The refusal is told once, by the line withoutMessageContent logs.
    client.on(
      Events.ShardError,
      (e, shard) => this.refused || log.warn(`Discord gateway shard ${shard}: ${e.message}`),
    );
    client.rest.on(RESTEvents.RateLimited, (r) =>
      log.warn(`Discord rate limit on ${r.method.toUpperCase()} ${r.route}: retrying in ${r.retryAfter} ms`),
    );
  }

  /** Logs in and waits for READY; a client that fails is destroyed (one left half-connected keeps retrying). */
  private async connect(): Promise<void> {
    const client = this.current;
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    const readyMs = this.wiring.connectTimeoutMs ?? 30_000;
    try {
      await client.login(this.settings.token).catch((e: unknown) => {
        throw discordStartError(e, '/gateway/bot', this.settings.apiUrl);
      });
      await inTime(ready, readyMs, 'connecting to the Discord gateway').catch((e: unknown) => {
        const from = `${this.settings.apiUrl ?? DISCORD_API_URL}/v10/gateway/bot`;
        throw new PlatformStartError(
          'Discord',
          'unreachable',
          `Discord's gateway (the address ${from} gave) was not ready within ${readyMs / 1000} s: check that this host may open WebSocket (wss://) connections to it.`,
          { cause: e },
        );
      });
    } catch (e) {
      await client.destroy().catch(() => undefined);
      throw e;
    }
  }

  /** Says once how to enable Message Content, then replaces the client with one that does not ask for it. */
  private async withoutMessageContent(): Promise<void> {
    if (!this.messageContent) return;
    this.wiring.log.warn(messageContentRefused(this.settings.applicationId));
    for (const d of this.detach.splice(0)) d();
    const refusedClient = this.current;
    await refusedClient.destroy().catch(() => undefined);
    this.messageContent = false;
    this.refused = false;
    this.current = this.newClient();
    this.attach();
    await this.connect();
  }

  private started(): DeskRuntime {
    if (!this.runtime) throw new Error('the Discord platform is not started');
    return this.runtime;
  }
}

/** A channel as the client's cache knows it (the threads the gateway told it of). */
function channelShape(client: Client, id: string): ChannelShape | undefined {
  const c = client.channels.cache.get(id);
  return c ? { type: c.type, parentId: 'parentId' in c ? (c.parentId ?? null) : null } : undefined;
}

/** Hosts an attachment may be fetched from: Discord's CDN, and the API override's host. */
function fileHosts(apiUrl: string | undefined): string[] {
  return [...DISCORD_FILE_HOSTS, ...(apiUrl ? [new URL(apiUrl).host] : [])];
}
