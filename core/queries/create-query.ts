import type { Actor } from '../domain/actor';
import type { AttachmentMeta } from '../domain/attachment';
import type { QueryRecord } from '../domain/query';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { ValidationFailed } from '../errors';
import { parseInput } from '../schemas/parse-input';
import { newQuerySchema } from '../schemas/query-input';
import { checkedScreenshot } from './checked-screenshot';
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
  const shot = data.screenshot
    ? await checkedScreenshot(data.screenshot, deps.config.maxScreenshotBytes, deps.images)
    : null;
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
      ? await tx.attachments.insert({
          queryId: query.id,
          filename: shot.filename,
          contentType: shot.contentType,
          data: shot.data,
          sha256: shot.sha256,
          createdAt: now,
        })
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
