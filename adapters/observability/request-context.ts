import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** What every log line written while handling one request carries, and when the request arrived. */
export interface RequestContext {
  /** Slack's trigger id, a Discord interaction id, a job id, or a generated one. */
  readonly id: string;
  /** performance.now() when the request reached the process: acknowledgement latency is measured from it. */
  readonly startedAt: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it starts, sync or async) as part of one request, so deep code needs no logger passed. */
export function inRequest<T>(id: string, fn: () => T): T {
  return storage.run({ id, startedAt: performance.now() }, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** A short random id for requests that bring none (an HTTP request before it is parsed, a Socket Mode event). */
export function newRequestId(): string {
  return `r-${randomBytes(6).toString('hex')}`;
}

/** Milliseconds since the current request arrived; undefined outside a request. */
export function sinceRequestStart(): number | undefined {
  const c = storage.getStore();
  return c ? performance.now() - c.startedAt : undefined;
}
