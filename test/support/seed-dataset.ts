import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** The seed project's published dataset; CI has shared/ beside the clone. */
export const SEED_CSV = join(__dirname, '..', '..', '..', 'shared', 'data', 'synthetic_client_queries.csv');

export interface SeedRow {
  query_id: string;
  client_email: string;
  client_mobile: string;
  query_heading: string;
  query_description: string;
  status: string;
  date_opened: string;
  date_closed: string;
}

export function readSeedRows(): SeedRow[] {
  return parse(readFileSync(SEED_CSV), { columns: true, bom: true, skip_empty_lines: true }) as SeedRow[];
}
