import type { Clock } from '../clock/clock';
import type { Logger } from '../log/logger';
import { createDingtalkPlatform, loadDingtalkConfig } from '../platforms/dingtalk';
import type { Platform } from '../platforms/types';
import type { UndeliveredHandler } from './undelivered';

/**
 * The DingTalk platform from DINGTALK_* variables; a missing or malformed one stops the start, named.
 * `keeper` is read at the time of each failure: the app that keeps undelivered replies is built
 * after its platforms.
 */
export function setupDingtalk(env: NodeJS.ProcessEnv, deps: { logger: Logger; clock: Clock; keeper: () => UndeliveredHandler | undefined }): Platform {
  let config;
  try {
    config = loadDingtalkConfig(env);
  } catch (e) {
    throw new Error(`钉钉配置有误：${(e as Error).message.replace(/^[^\n]*/, '')}\n请对照 .env.example 修改。`);
  }
  return createDingtalkPlatform(config, {
    logger: deps.logger,
    clock: deps.clock,
    onUndelivered: async (delivery, error) => {
      const keep = deps.keeper();
      if (keep) await keep('dingtalk', delivery, error);
      else deps.logger.error({ event: 'reply.lost', platform: 'dingtalk', code: error.code }, 'undelivered reply before the app was bound');
    },
  });
}
