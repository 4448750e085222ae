import type { Desk } from '../../core/conversation/desk';
import { formFor } from '../../core/conversation/forms';
import type { Args } from '../../core/conversation/handler';
import type { Reply } from '../../core/views/view-model';
import { accountOf, type SubmitIn } from './inbound';
import { choiceOf } from './modal';
import type { ScreenshotFetcher } from './screenshot-fetcher';
import type { SlackLog } from './slack-log';

export interface SubmissionDeps {
  desk: Desk;
  screenshots: ScreenshotFetcher;
  log: SlackLog;
}

/**
 * Hands a modal's values to the desk: selects read back as their choices, uploaded files fetched. One view id
 * acts once: a second submission of the same modal is acknowledged and dropped (null).
 */
export async function runSubmission(d: SubmissionDeps, s: SubmitIn): Promise<Reply | null> {
  const { store, clock } = d.desk.deps;
  const key = `slack:view:${s.user.teamId}:${s.viewId}`;
  if (!(await store.idempotency.claim(key, clock.now()))) {
    d.log.info(`modal ${s.viewId} was submitted again; the second submission is ignored`);
    return null;
  }
  try {
    const values: Args = { ...s.fields };
    for (const f of formFor(s.form.formId, d.desk.deps.config).fields) {
      const v = values[f.name];
      if (f.type === 'select' && typeof v === 'string') values[f.name] = choiceOf(v, f.options ?? []);
    }
    for (const [name, files] of Object.entries(s.files))
      if (files[0]) values[name] = await d.screenshots.fetch(files[0], name);
    const conv = await d.desk.conversation(accountOf(s.user));
    return await d.desk.submit(conv, s.form.formId, values, s.form.queryId);
  } catch (e) {
    // Nothing was done: the same modal may be corrected and sent again.
    await store.idempotency
      .release(key)
      .catch((r: unknown) => d.log.warn(`idempotency key ${key} not released: ${String(r)}`));
    throw e;
  }
}
