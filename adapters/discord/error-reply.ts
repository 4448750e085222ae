import { failureMessage, issueText, type DefectSink } from '../../core/errors';
import { ephemeral, text, type Reply } from '../../core/views/view-model';

/** A failure as Discord shows it (always ephemeral): core's one message, several fields' issues one per line. */
export function errorReply(e: unknown, onDefect: DefectSink): Reply {
  const m = failureMessage(e, onDefect);
  const said =
    m.issues.length > 1 ? `Please fix these fields:\n${m.issues.map((i) => `• ${issueText(i)}`).join('\n')}` : m.text;
  return ephemeral(text(said, m.tone));
}
