import { z } from 'zod';
import type { SlackFileRef, SubmitIn, Unsupported } from './inbound';
import { firstIssue, payloadTeam, payloadUser, unsupported, userRef } from './parse-common';
import { decodeMetadata } from './private-metadata';

export const FORM_CALLBACK_ID = 'cqms_form';

const file = z.object({
  id: z.string().min(1),
  name: z.string().default('file'),
  mimetype: z.string().default(''),
  size: z.number().nonnegative().optional(),
  url_private_download: z.string().url().optional(),
  url_private: z.string().url().optional(),
});

// One input's state (docs.slack.dev/reference/interaction-payloads/view-interactions-payload).
const stateValue = z.object({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_option: z.object({ value: z.string() }).nullable().optional(),
  files: z.array(file).optional(),
});

const schema = z.object({
  type: z.literal('view_submission'),
  user: payloadUser,
  team: payloadTeam,
  view: z.object({
    id: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }),
  }),
});

/** A modal submission into its form, the query it acts on, and the values by field name. */
export function parseViewSubmission(body: unknown): SubmitIn | Unsupported {
  const r = schema.safeParse(body);
  if (!r.success) return unsupported(`view_submission: ${firstIssue(r.error)}`);
  const { view } = r.data;
  const user = userRef(r.data.user, r.data.team);
  if (!user) return unsupported('view_submission: no team id');
  if (view.callback_id !== FORM_CALLBACK_ID)
    return unsupported(`view_submission: callback ${JSON.stringify(view.callback_id)} is not ours`);
  const form = decodeMetadata(view.private_metadata);
  if (!form) return unsupported('view_submission: private_metadata is not ours');
  const fields: Record<string, string> = {};
  const files: Record<string, SlackFileRef[]> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    for (const v of Object.values(actions)) {
      if (v.files) {
        const refs = v.files.flatMap((f) => {
          const url = f.url_private_download ?? f.url_private;
          return url ? [{ id: f.id, name: f.name, mimetype: f.mimetype, size: f.size ?? null, url }] : [];
        });
        if (refs.length) files[blockId] = refs;
        continue;
      }
      const value = v.selected_option?.value ?? v.value ?? null;
      if (value !== null && value.trim() !== '') fields[blockId] = value;
    }
  }
  return { kind: 'submit', user, viewId: view.id, form, fields, files };
}
