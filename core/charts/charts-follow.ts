import type { DeskDeps } from '../desk/desk-deps';
import type { ChatPlace } from '../ports/notifier';
import { text, type View } from '../views/view-model';
import type { ChartSpec } from './chart-spec';

/**
 * The charts of an answer. Where the surface said where the command was issued, they are queued as a job (drawn
 * and posted there after the answer, so drawing never delays it) and the answer says they follow; elsewhere
 * (the shell, App Home) they stay in the answer. If the queue is away, they stay in the answer too. The answer is
 * seen by the asker only, and so are its charts: the surface posts them where no one else sees them (see ChatPlace).
 */
export async function chartsOrJob(deps: DeskDeps, place: ChatPlace | undefined, specs: ChartSpec[]): Promise<View[]> {
  if (!place || specs.length === 0) return specs;
  try {
    await deps.jobs.enqueue({ name: 'chart', specs, target: place });
  } catch {
    return specs;
  }
  const where = place.platform === 'slack' && !place.privateChannel ? ' in your DM with this app' : '';
  return [
    text(
      `${specs.length === 1 ? 'A chart follows' : `${specs.length} charts follow`} as images${where} in a moment.`,
      'info',
    ),
  ];
}
