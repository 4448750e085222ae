import type { Actor } from '../domain/actor';
import type { DeskDeps } from '../desk/desk-deps';
import { NotAuthenticated } from '../errors';
import type { Reply } from '../views/view-model';
import type { Conversation } from './conversation';

export interface HandlerContext {
  deps: DeskDeps;
  conv: Conversation;
}

/** Raw option values as the surface received them: strings, numbers, or an uploaded file. */
export type Args = Record<string, unknown>;

export type Handler = (ctx: HandlerContext, args: Args) => Promise<Reply>;

export function actorOf(ctx: HandlerContext): Actor {
  if (!ctx.conv.actor) throw new NotAuthenticated();
  return ctx.conv.actor;
}

/** Copies only the named keys that are present, so absent options stay absent for zod defaults. */
export function pick(args: Args, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (args[k] !== undefined && args[k] !== '') out[k] = args[k];
  return out;
}
