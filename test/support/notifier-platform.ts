import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import type { ChatPlatform } from '../../bot/chat-platform';

/** A chat platform that is only its notifier: it takes no requests, so there is nothing to start or stop. */
export function notifierPlatform(name: string, notifier: PlatformNotifier): ChatPlatform {
  return {
    name,
    notifier,
    start: async () => undefined,
    stop: async () => undefined,
    notifyOnly: () => undefined,
    describe: () => name,
  };
}
