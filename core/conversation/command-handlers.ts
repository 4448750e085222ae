import type { CommandName } from '../commands/catalog';
import type { Handler } from './handler';
import { logout, register, signIn, whoami } from './handlers/auth-handlers';
import { claim, close, release } from './handlers/agent-handlers';
import { raise, rate, reopen, show, stats } from './handlers/client-handlers';
import { assign, team } from './handlers/lead-handlers';
import { sla } from './handlers/sla-handler';
import { exportAll, listHandler } from './handlers/list-handlers';
import { note, reply, transcript, waiting } from './handlers/message-handlers';

/** Every catalog command's handler; the type makes a missing one a compile error. */
export const HANDLERS: Record<Exclude<CommandName, 'help'>, Handler> = {
  register,
  login: signIn,
  logout,
  whoami,
  new: raise,
  mine: listHandler('mine'),
  show,
  reopen,
  reply,
  transcript,
  rate,
  stats,
  queue: listHandler('queue'),
  working: listHandler('working'),
  closed: listHandler('closed'),
  claim,
  release,
  note,
  waiting,
  close,
  team,
  sla,
  assign,
  export: exportAll,
};
