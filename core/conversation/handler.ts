import type { Actor } from '../domain/actor';
import type { DeskDeps } from '../desk/desk-deps';
import { NotAuthenticated } from '../errors';
import type { Reply } from '../views/view-model';
import type { Conversation } from './conversation';
import { commandHint } from './surface';

export interface HandlerContext {
  deps: DeskDeps;
  conv: Conversation;
}

/** Raw option values as the surface received them: strings, numbers, or an uploaded file. */
export type Args = Record<string, unknown>;

export type Handler = (ctx: HandlerContext, args: Args) => Promise<Reply>;

export function actorOf(ctx: HandlerContext): Actor {
  if (!ctx.conv.actor) throw new NotAuthenticated(signInText(ctx.conv));
  return ctx.conv.actor;
}

/** Copies only the named keys that are present, so absent options stay absent for zod defaults. */
export function pick(args: Args, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (args[k] !== undefined && args[k] !== '') out[k] = args[k];
  return out;
}

/** What a guest is told to do, in the surface's syntax. */
export function signInText(conv: Conversation): string {
  return `You are not signed in. Run ${commandHint(conv.surface, 'login')} if you have an account, or ${commandHint(conv.surface, 'register')} to create one.`;
}
