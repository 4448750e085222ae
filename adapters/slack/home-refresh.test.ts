import type { AppHome } from './app-home';
import type { SlackUserRef } from './inbound';
import { SlackController, type SlackControllerOptions } from './slack-controller';

/** A controller whose App Home publishes are held until released; nothing else of it is used here. */
function controllerWithHeldHomes(maxWaiting: number) {
  const published: string[] = [];
  const releases: (() => void)[] = [];
  const home = {
    publish: (user: SlackUserRef) => {
      published.push(user.userId);
      return new Promise<void>((r) => releases.push(r));
    },
  } as unknown as AppHome;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const controller = new SlackController({ home, log, maxWaiting } as unknown as SlackControllerOptions);
  const release = async () => {
    while (releases.length) releases.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { controller, published, release };
}

const user = (id: string): SlackUserRef => ({ teamId: 'T1', userId: id });
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('App Home refreshes', () => {
  it('are one per user while one waits: a burst of changes by one user draws the home once more, not once a change', async () => {
    const { controller, published, release } = controllerWithHeldHomes(200);
    for (let i = 0; i < 30; i++) controller.refreshHome(user('U1'));
    controller.refreshHome(user('U2'));
    await turns(3);
    expect(published.sort()).toEqual(['U1', 'U2']);
    // Started: a change now is drawn by a new refresh.
    controller.refreshHome(user('U1'));
    await release();
    await turns(3);
    expect(published.filter((u) => u === 'U1')).toHaveLength(2);
    await release();
  });

  it('never take the places requests need: only while the line (admitted, not started) is less than half full', async () => {
    const { controller, published, release } = controllerWithHeldHomes(4);
    for (let i = 0; i < 6; i++) controller.refreshHome(user(`U${i}`));
    await turns(3);
    // Two waited (half of 4), the rest were left out; once those two started, there is room again.
    expect(published).toEqual(['U0', 'U1']);
    controller.refreshHome(user('U5'));
    await turns(3);
    expect(published).toEqual(['U0', 'U1', 'U5']);
    await release();
  });
});
