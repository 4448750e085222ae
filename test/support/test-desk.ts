import { argon2Hasher } from '../../adapters/crypto/argon2-hasher';
import { CanvasImageCleaner } from '../../adapters/images/canvas-image-cleaner';
import { DEFAULT_DESK_CONFIG, type DeskConfig } from '../../core/config/desk-config';
import type { DeskDeps } from '../../core/desk/desk-deps';
import type { Actor } from '../../core/domain/actor';
import type { Platform } from '../../core/domain/platform';
import type { Role } from '../../core/domain/roles';
import { ManualClock } from '../../core/ports/clock';
import type { Job, JobQueue } from '../../core/ports/job-queue';
import type { Store } from '../../core/ports/store';
import { addUser } from '../../core/users/manage-users';
import { createQuery } from '../../core/queries/create-query';

export const T0 = new Date('2026-03-02T09:00:00Z');

export interface TestDesk extends DeskDeps {
  clock: ManualClock;
  jobs: RecordingQueue;
}

/** Keeps queued jobs for assertions; tests that need delivery use the in-process queue instead. */
export class RecordingQueue implements JobQueue {
  readonly jobs: Job[] = [];
  async enqueue(job: Job): Promise<void> {
    this.jobs.push(job);
  }
}

/** Real hashing with light parameters: the algorithm is the same, the tests stay fast. */
export function testDesk(store: Store, config: Partial<DeskConfig> = {}): TestDesk {
  return {
    store,
    clock: new ManualClock(T0),
    config: { ...DEFAULT_DESK_CONFIG, ...config },
    hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    images: new CanvasImageCleaner(),
    jobs: new RecordingQueue(),
  };
}

let mobileSeq = 0;

/** Creates an account and returns it as an actor. */
export async function makeActor(
  deps: DeskDeps,
  role: Role,
  username: string,
  platform: Platform = 'shell',
): Promise<Actor> {
  mobileSeq += 1;
  const mobile = `9${String(100000000 + ((process.pid * 7919 + mobileSeq) % 900000000)).padStart(9, '0')}`;
  const u = await addUser(deps, 'operator', {
    username,
    email: `${username}@example.com`,
    mobile,
    password: 'correct horse battery',
    role,
    displayName: username[0]!.toUpperCase() + username.slice(1),
  });
  return { userId: u.id, username: u.username, role: u.role, platform };
}

/** A client and one query raised now, so analytics and digests have something to count. */
export async function raiseSampleQuery(deps: DeskDeps, username = 'zoe'): Promise<number> {
  const client = await makeActor(deps, 'client', username);
  return (await createQuery(deps, client, { category: 'Bug Report', heading: 'app crashes', description: 'on start' }))
    .query.id;
}
