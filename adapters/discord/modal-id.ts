import { z } from 'zod';
import { FORM_IDS } from '../../core/views/form-ids';
import { MAX_ACTION_ID } from '../../core/views/action-id';
import type { FormRef } from './inbound';

const PREFIX = 'cqmsf';

const formRefSchema = z.object({
  formId: z.enum(FORM_IDS),
  queryId: z.number().int().positive().optional(),
  categoryIndex: z.number().int().min(0).max(999).optional(),
  uploadId: z
    .string()
    .regex(/^[a-z0-9]{6,24}$/)
    .optional(),
});

/** A modal's custom id: the form, and what the modal itself does not ask (query, category, upload). */
export function encodeFormRef(ref: FormRef): string {
  const parsed = formRefSchema.parse(ref);
  const id = [PREFIX, parsed.formId, parsed.queryId ?? '', parsed.categoryIndex ?? '', parsed.uploadId ?? ''].join('|');
  if (id.length > MAX_ACTION_ID) throw new Error(`modal id too long (${id.length}): ${id}`);
  return id;
}

/** Null for anything that is not one of ours. */
export function decodeFormRef(id: string): FormRef | null {
  if (typeof id !== 'string' || id.length > MAX_ACTION_ID) return null;
  const [prefix, formId, queryId, categoryIndex, uploadId, ...rest] = id.split('|');
  if (prefix !== PREFIX || rest.length) return null;
  const int = (s: string | undefined) => (s ? (/^\d{1,9}$/.test(s) ? Number(s) : NaN) : undefined);
  const parsed = formRefSchema.safeParse({
    formId,
    ...(queryId ? { queryId: int(queryId) } : {}),
    ...(categoryIndex ? { categoryIndex: int(categoryIndex) } : {}),
    ...(uploadId ? { uploadId } : {}),
  });
  return parsed.success ? (parsed.data as FormRef) : null;
}
