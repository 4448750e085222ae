import { resolve } from 'node:path';
import { runCli } from '../../bot/cli/program';

/** The seed dataset, beside the repository (shared/ sits next to the clone, here and in CI). */
export const SEED_CSV = resolve(__dirname, '../../../shared/data/synthetic_client_queries.csv');

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `cqms <args>` in-process against the given database. */
export async function cqms(args: string[], databaseUrl: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { DATABASE_URL: databaseUrl },
  });
  return { code, out, err };
}
