import type { DeskDeps } from '../desk/desk-deps';
import type { Job } from '../ports/job-queue';
import type { ChatPlace } from '../ports/notifier';
import { noDataSpec } from './chart-kit';
import { chartsOrJob } from './charts-follow';

const specs = [noDataSpec('a', 'A', 'bar'), noDataSpec('b', 'B', 'pie')];
const place: ChatPlace = { platform: 'slack', teamId: 'T1', userId: 'U1', channelId: 'C1' };

function depsWith(enqueue: (job: Job) => Promise<void>): DeskDeps {
  return { jobs: { enqueue } } as unknown as DeskDeps;
}

describe('charts of an answer', () => {
  it('are queued as a job for the place the command came from, and the answer says they follow', async () => {
    const jobs: Job[] = [];
    const views = await chartsOrJob(
      depsWith(async (j) => void jobs.push(j)),
      place,
      specs,
    );
    expect(jobs).toEqual([{ name: 'chart', specs, target: place }]);
    expect(views).toEqual([
      { kind: 'text', text: '2 charts follow as images in your DM with this app in a moment.', tone: 'info' },
    ]);
  });

  it('say where they follow: in the channel itself when it is private (a DM, the leads channel)', async () => {
    const views = await chartsOrJob(
      depsWith(async () => undefined),
      { ...place, privateChannel: true },
      specs,
    );
    expect(views).toEqual([{ kind: 'text', text: '2 charts follow as images in a moment.', tone: 'info' }]);
  });

  it('stay in the answer where the surface cannot post later, or when the queue is away', async () => {
    const jobs: Job[] = [];
    expect(
      await chartsOrJob(
        depsWith(async (j) => void jobs.push(j)),
        undefined,
        specs,
      ),
    ).toEqual(specs);
    expect(jobs).toEqual([]);
    expect(
      await chartsOrJob(
        depsWith(() => Promise.reject(new Error('redis away'))),
        place,
        specs,
      ),
    ).toEqual(specs);
  });
});
