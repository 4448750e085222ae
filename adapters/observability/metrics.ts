import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type Platform = 'slack' | 'discord';
/** Where an interaction came from: the label of the acknowledgement latency. */
export type Surface = 'slash_command' | 'button' | 'modal_submit' | 'autocomplete';
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** A queue whose depth is read at each scrape. */
export interface QueueDepthSource {
  name: string;
  counts(): Promise<Partial<Record<QueueState, number>>>;
}

/** Figures read from the database at each scrape (every process sees the same table). */
export interface DatabaseGauges {
  outboxBacklog(): Promise<number>;
  slaAlerts(): Promise<Record<string, number>>;
}

/**
 * Every metric the bot and the worker expose, on a registry of their own (not prom-client's global one, so two
 * processes in one test never collide). Gauges over Redis and the database are read when scraped; a source that
 * fails leaves its last value and counts a scrape error rather than failing /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly ackLatency = new Histogram({
    name: 'cqms_ack_latency_seconds',
    help: 'From a request reaching the process to its acknowledgement (Slack ack, Discord first answer)',
    labelNames: ['platform', 'surface'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'cqms_commands_total',
    help: 'Commands, by name and outcome (ok, a user error code, internal_error, or shed: refused as busy, nothing run)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'cqms_job_duration_seconds',
    help: 'How long a job ran, by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly scrapeErrors = new Counter({
    name: 'cqms_metrics_scrape_errors_total',
    help: 'Gauge sources that did not answer during a scrape',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  private readonly queues: QueueDepthSource[] = [];
  private database: DatabaseGauges | undefined;

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'cqms_' });
    const self = this;
    new Gauge({
      name: 'cqms_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const q of self.queues) {
          const counts = await q.counts().catch(() => self.scrapeErrors.inc({ source: `queue:${q.name}` }));
          if (counts) for (const state of QUEUE_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'cqms_outbox_backlog',
      help: 'Notifications written to the outbox and not yet handed to the job queue',
      registers: [this.registry],
      async collect() {
        const n = await self.database?.outboxBacklog().catch(() => self.scrapeErrors.inc({ source: 'outbox' }));
        if (typeof n === 'number') this.set(n);
      },
    });
    new Gauge({
      name: 'cqms_sla_alerts',
      help: 'SLA warnings and breaches recorded (rows of sla_alerts), by level',
      labelNames: ['level'] as const,
      registers: [this.registry],
      async collect() {
        const levels = await self.database?.slaAlerts().catch(() => self.scrapeErrors.inc({ source: 'sla_alerts' }));
        if (levels) for (const [level, n] of Object.entries(levels)) this.set({ level }, n);
      },
    });
  }

  watchQueue(source: QueueDepthSource): void {
    this.queues.push(source);
  }

  watchDatabase(gauges: DatabaseGauges): void {
    this.database = gauges;
  }

  acked(platform: Platform, surface: Surface, ms: number): void {
    this.ackLatency.observe({ platform, surface }, ms / 1000);
  }

  commandRan(command: string, outcome: string): void {
    this.commands.inc({ command, outcome });
  }

  jobRan(queue: string, job: string, ms: number, ok: boolean): void {
    this.jobDuration.observe({ queue, job, outcome: ok ? 'ok' : 'failed' }, ms / 1000);
  }

  /** The Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
