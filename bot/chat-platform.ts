import type { PlatformNotifier } from '../adapters/notify/platform-notifier';
import type { OpsHandler } from '../adapters/observability/ops-routes';
import type { DeskRuntime } from './desk-wiring';

/** One chat platform the bot serves: its notifier goes into the desk; it receives requests once started. */
export interface ChatPlatform {
  readonly name: string;
  readonly notifier: PlatformNotifier;
  start(runtime: DeskRuntime): Promise<void>;
  /** Gives the notifier the desk without taking requests (`cqms worker` delivers, the bot receives). */
  notifyOnly(runtime: DeskRuntime): void;
  /** Stops taking requests. */
  stop(): Promise<void>;
  /** Closes what notifyOnly opened (connections of the platform's own); stop() does it for a started platform. */
  release?(): Promise<void>;
  describe(): string;
  /** Takes the health and metrics endpoints onto a server of the platform's own (Slack HTTP mode); false when it has none. */
  serveOps?(handler: OpsHandler): boolean;
}
