import type { Router } from 'express';
import type { Clock } from '../clock/clock';
import type { Logger } from '../log/logger';
import type { Platform, PlatformName } from '../platforms/types';
import type { ConsolePlatform } from '../platforms/console/console-platform';

export interface PlatformSet {
  platforms: Platform[];
  /** HTTP callback routers to mount (WeCom self-built application mode). */
  routers: { path: string; router: Router }[];
}

/** Builds the enabled platforms from their own env blocks (each validates its settings). */
export async function createPlatforms(
  names: PlatformName[],
  env: NodeJS.ProcessEnv,
  deps: { logger: Logger; clock: Clock; consolePlatform: ConsolePlatform | undefined },
): Promise<PlatformSet> {
  const set: PlatformSet = { platforms: [], routers: [] };
  for (const name of names) {
    if (name === 'console') {
      if (deps.consolePlatform) set.platforms.push(deps.consolePlatform);
      continue;
    }
    throw new Error(`平台 ${name} 尚未接入：请检查 DEALGUARD_PLATFORMS（env: ${Object.keys(env).length} 项）`);
  }
  return set;
}
