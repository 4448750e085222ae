import { failureMessage, type DefectSink } from '../../core/errors';

/** A failure as the shell prints it: core's one message (core/errors/failure-message.ts), on one line. */
export function errorLine(e: unknown, onDefect: DefectSink = () => undefined): string {
  return failureMessage(e, onDefect).text;
}
