// One fake DingTalk + one real DingTalk platform (real dingtalk-stream client inside) per test.
import { systemClock, type Clock } from '../../../src/clock/clock';
import { createLogger, silentLogger } from '../../../src/log/logger';
import { createDingtalkPlatform, loadDingtalkConfig } from '../../../src/platforms/dingtalk';
import type { Delivery, Platform, SendError } from '../../../src/platforms/types';
import { FakeDingtalk, type FakeDingtalkOptions } from '../../fakes/dingtalk/fake-dingtalk';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { waitFor } from '../../fakes/dingtalk/wait';

export interface Harness {
  fake: FakeDingtalk;
  platform: Platform;
  handlers: ScriptedHandlers;
  /** Replies the platform gave up on, as handed to onUndelivered. */
  undelivered: { delivery: Delivery; error: SendError }[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeDingtalkOptions;
  env?: Record<string, string>;
  clock?: Clock;
  /** Do not wait for the first connection (tests of failing starts). */
  connect?: boolean;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDingtalk.start(opts.fake);
  const handlers = new ScriptedHandlers({ echo: false });
  // DINGTALK_TEST_LOG=debug shows the platform's log lines while debugging a test.
  const level = process.env.DINGTALK_TEST_LOG;
  const logger = level ? createLogger({ level }) : silentLogger();
  const undelivered: Harness['undelivered'] = [];
  const platform = createDingtalkPlatform(loadDingtalkConfig(fake.env(opts.env)), {
    logger,
    clock: opts.clock ?? systemClock,
    onUndelivered: (delivery, error) => {
      undelivered.push({ delivery, error });
    },
  });
  const stop = async (): Promise<void> => {
    await platform.stop();
    await fake.stop();
  };
  if (opts.connect !== false) {
    await platform.start(handlers);
    await waitFor(() => platform.health().state === 'connected', 'first connection');
  }
  return { fake, platform, handlers, undelivered, stop };
}

/** dingtalk-stream prints "connect success" / "Disconnecting." with console.info on every connection. */
export function quietSdkConsole(): void {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    restore = () => {
      info.mockRestore();
      warn.mockRestore();
    };
  });
  afterAll(() => restore?.());
}
