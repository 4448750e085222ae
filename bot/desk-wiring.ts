import { readFileSync } from 'node:fs';
import { argon2Hasher } from '../adapters/crypto/argon2-hasher';
import { openStore } from '../adapters/storage/sequelize-store';
import { DEFAULT_DESK_CONFIG, type DeskConfig } from '../core/config/desk-config';
import type { DeskDeps } from '../core/desk/desk-deps';
import { systemClock } from '../core/ports/clock';
import { slaPolicySchema } from '../core/sla/sla-policy';
import { parseInput } from '../core/schemas/parse-input';
import type { Environment } from './environment';

export function deskConfig(env: Environment): DeskConfig {
  const config: DeskConfig = { ...DEFAULT_DESK_CONFIG };
  if (env.CQMS_CATEGORIES?.length) config.categories = env.CQMS_CATEGORIES;
  if (env.CQMS_SLA_FILE) config.sla = parseInput(slaPolicySchema, JSON.parse(readFileSync(env.CQMS_SLA_FILE, 'utf8')));
  return config;
}

/** The composition root shared by every entry point: store, clock, hasher, config. */
export async function buildDesk(env: Environment, opts: { migrate?: boolean } = {}): Promise<DeskDeps> {
  const store = await openStore(env.DATABASE_URL, { migrate: opts.migrate ?? false });
  return { store, clock: systemClock, config: deskConfig(env), hasher: argon2Hasher() };
}
