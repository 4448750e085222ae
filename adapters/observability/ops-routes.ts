import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';
import { readiness, type ReadinessCheck } from './readiness';
import { scrubber } from './scrub';

export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

export interface OpsRoutesOptions {
  metrics: Metrics;
  /** The dependencies /readyz checks, or why the process is not ready whatever they say (`starting`, `stopping`). */
  checks: () => readonly ReadinessCheck[] | 'starting' | 'stopping';
  /** How long /readyz waits for each dependency. */
  timeoutMs?: number;
}

export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const scrub = scrubber();

/**
 * GET /healthz (the process answers), /readyz (every dependency answered in time; 503 naming those that did
 * not), /metrics (Prometheus text). Returns false for any other request, so it can sit in front of another handler.
 */
export function opsRoutes(o: OpsRoutesOptions): OpsHandler {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (!OPS_PATHS.includes(path as (typeof OPS_PATHS)[number])) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    if (path === '/healthz') json(res, 200, { status: 'ok' });
    else if (path === '/metrics') {
      o.metrics.text().then(
        (body) => res.writeHead(200, { 'content-type': o.metrics.contentType }).end(body),
        (e: unknown) => json(res, 500, { status: 'error', error: scrub(e instanceof Error ? e.message : String(e)) }),
      );
    } else {
      const checks = o.checks();
      if (typeof checks === 'string') json(res, 503, { status: checks, failed: ['process'], checks: {} });
      else
        void readiness(checks, o.timeoutMs ?? 2000).then((r) => {
          const failed = Object.entries(r.checks)
            .filter(([, v]) => v !== 'ok')
            .map(([k]) => k);
          json(res, r.ready ? 200 : 503, {
            status: r.ready ? 'ready' : 'unavailable',
            failed,
            checks: Object.fromEntries(Object.entries(r.checks).map(([k, v]) => [k, scrub(v)])),
          });
        });
    }
    return true;
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}
