import { createHash } from 'node:crypto';
import type { Actor } from '../domain/actor';
import type { AttachmentMeta } from '../domain/attachment';
import { megabytes, sniffImageType } from '../domain/image-type';
import type { QueryRecord } from '../domain/query';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { ValidationFailed } from '../errors';
import { parseInput } from '../schemas/parse-input';
import { newQuerySchema, type ScreenshotInput } from '../schemas/query-input';
import { announceCommitted, recordIntents } from '../notifications/announce';
import { intentsForCreated } from '../notifications/intents-for';

export interface CreatedQuery {
  query: QueryRecord;
  screenshot: AttachmentMeta | null;
}

/** Validates everything first, then writes the query, its screenshot, its event and its notifications in one transaction. */
export async function createQuery(deps: DeskDeps, actor: Actor, input: Record<string, unknown>): Promise<CreatedQuery> {
  authorize(actor, 'query.create');
  const data = parseInput(newQuerySchema(deps.config.categories), input);
  const client = await deps.store.users.findById(actor.userId);
  const mobile = data.mobile ?? client?.mobile ?? null;
  if (!mobile) throw ValidationFailed.field('mobile', 'mobile is required (your account has none on file)');
  const shot = data.screenshot ? checkScreenshot(data.screenshot, deps.config.maxScreenshotBytes) : null;
  const now = deps.clock.now();
  const created = await deps.store.transaction(async (tx) => {
    const query = await tx.queries.insert({
      externalRef: null,
      clientId: actor.userId,
      category: data.category,
      heading: data.heading,
      description: data.description,
      mobile,
      mobileValid: true,
      status: 'Open',
      assigneeId: null,
      platform: actor.platform,
      createdAt: now,
      claimedAt: null,
      closedAt: null,
      resolutionNote: null,
      resolutionMs: null,
      firstResponseMs: null,
      reopenCount: 0,
    });
    const screenshot = shot
      ? await tx.attachments.insert({ queryId: query.id, filename: shot.filename, contentType: shot.contentType, data: shot.data, sha256: shot.sha256, createdAt: now })
      : null;
    await tx.events.append({
      queryId: query.id,
      actorId: actor.userId,
      type: 'created',
      fromStatus: null,
      toStatus: 'Open',
      platform: actor.platform,
      detail: screenshot ? { attachmentId: screenshot.id } : null,
      createdAt: now,
    });
    await recordIntents(deps, tx, intentsForCreated(query), now);
    return { query, screenshot };
  });
  announceCommitted(deps);
  return created;
}

function checkScreenshot(s: ScreenshotInput, maxBytes: number) {
  if (s.data.byteLength === 0) throw ValidationFailed.field('screenshot', 'the file is empty');
  if (s.data.byteLength > maxBytes) {
    throw ValidationFailed.field('screenshot', `the file is ${megabytes(s.data.byteLength)}; the limit is ${megabytes(maxBytes)}`);
  }
  const contentType = sniffImageType(s.data);
  if (!contentType) throw ValidationFailed.field('screenshot', 'the file is not a PNG, JPEG, GIF or WebP image');
  const filename = s.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'screenshot';
  return { filename, contentType, data: s.data, sha256: createHash('sha256').update(s.data).digest('hex') };
}

