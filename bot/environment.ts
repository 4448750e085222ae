import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../adapters/storage/database-url';

/** Every variable the processes read, parsed once at start; nothing below bot/ touches process.env. */
const environmentSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).default(DEFAULT_DATABASE_URL),
  CQMS_CATEGORIES: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((c) => c.trim()).filter(Boolean) : undefined)),
  CQMS_SLA_FILE: z.string().optional(),
  /** For `cqms users add` in scripts, so the password stays out of shell history. */
  CQMS_PASSWORD: z.string().optional(),
  CQMS_DEBUG: z.string().optional(),
  /** A self-hosted QuickChart server; charts are drawn locally (no network) when unset. */
  QUICKCHART_URL: z.string().trim().optional(),
  /** Where the shell writes chart PNGs and file exports. */
  CQMS_CHARTS_DIR: z.string().trim().min(1).default('data/charts'),
  CQMS_EXPORTS_DIR: z.string().trim().min(1).default('data/exports'),
  /** Any non-empty value turns terminal colours off (https://no-color.org). */
  NO_COLOR: z.string().optional(),
});

export type Environment = z.output<typeof environmentSchema>;

export class EnvironmentError extends Error {}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const r = environmentSchema.safeParse(env);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new EnvironmentError(`Invalid configuration: ${problems.join('; ')}`);
}
