import { z } from 'zod';
import { FORM_IDS } from '../../core/views/form-ids';
import type { FormId } from '../../core/views/view-model';
import { LIMITS } from './block-kit';

/** What a modal carries through its round trip in private_metadata: the form, its query, where it was opened. */
export interface FormMetadata {
  formId: FormId;
  queryId?: number;
  /** The channel the form was opened from, where the result is said (ephemerally). */
  channelId?: string;
}

const schema = z.object({
  f: z.enum(FORM_IDS),
  q: z.number().int().positive().optional(),
  c: z
    .string()
    .regex(/^[A-Z0-9]{1,40}$/)
    .optional(),
});

export function encodeMetadata(m: FormMetadata): string {
  const s = JSON.stringify({
    f: m.formId,
    ...(m.queryId ? { q: m.queryId } : {}),
    ...(m.channelId ? { c: m.channelId } : {}),
  });
  if (s.length > LIMITS.privateMetadata) throw new Error('private_metadata too long');
  return s;
}

/** Null for anything that is not ours (another app's modal, a crafted payload). */
export function decodeMetadata(s: unknown): FormMetadata | null {
  if (typeof s !== 'string' || s.length > LIMITS.privateMetadata) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(s);
  } catch {
    return null;
  }
  const r = schema.safeParse(raw);
  if (!r.success) return null;
  return { formId: r.data.f, ...(r.data.q ? { queryId: r.data.q } : {}), ...(r.data.c ? { channelId: r.data.c } : {}) };
}
