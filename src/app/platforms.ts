import type { Router } from 'express';
import type { Clock } from '../clock/clock';
import type { Logger } from '../log/logger';
import type { Platform, PlatformName } from '../platforms/types';
import type { ConsolePlatform } from '../platforms/console/console-platform';
import type { App } from './create-app';
import { keepUndeliveredReplies, type UndeliveredHandler } from './undelivered';
import { setupWecom } from './wecom';
import { setupDingtalk } from './dingtalk-wiring';

export interface PlatformSet {
  platforms: Platform[];
  /** HTTP callback routers to mount (WeCom self-built application mode). */
  routers: { path: string; router: Router }[];
  /**
   * From now on, replies a platform gives up on go into this app's outbox. The platforms exist
   * before the app does (the app is built over them), hence the late binding.
   */
  bindOutbox(app: Pick<App, 'root' | 'dispatcher'>): void;
}

/** Builds the enabled platforms from their own env blocks (each validates its settings). */
export async function createPlatforms(
  names: PlatformName[],
  env: NodeJS.ProcessEnv,
  deps: { logger: Logger; clock: Clock; consolePlatform: ConsolePlatform | undefined },
): Promise<PlatformSet> {
  let keep: UndeliveredHandler | undefined;
  const set: PlatformSet = {
    platforms: [],
    routers: [],
    bindOutbox(app) {
      keep = keepUndeliveredReplies(app, deps.logger);
    },
  };
  for (const name of names) {
    if (name === 'console') {
      if (deps.consolePlatform) set.platforms.push(deps.consolePlatform);
      continue;
    }
    if (name === 'wecom') {
      const wecom = setupWecom(env, {
        logger: deps.logger,
        clock: deps.clock,
        onUndelivered: async (delivery, error) => {
          if (keep) await keep('wecom', delivery, error);
          else deps.logger.error({ event: 'reply.lost', platform: 'wecom', code: error.code }, 'undelivered reply before the app was bound');
        },
      });
      set.platforms.push(wecom.platform);
      if (wecom.callback) set.routers.push(wecom.callback);
      continue;
    }
    if (name === 'dingtalk') {
      set.platforms.push(setupDingtalk(env, { logger: deps.logger, clock: deps.clock, keeper: () => keep }));
      continue;
    }
    throw new Error(`未知平台 ${name}：DEALGUARD_PLATFORMS 只能是 console、wecom、dingtalk`);
  }
  return set;
}
