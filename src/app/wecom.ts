import type { Router } from 'express';
import { z, ZodError } from 'zod';
import type { Clock } from '../clock/clock';
import { formatEnvError } from '../config/env';
import type { Logger } from '../log/logger';
import type { Delivery, SendError } from '../platforms/types';
import { createWecomPlatform, parseWecomConfig, type WecomConfig, type WecomDeps, type WecomPlatform } from '../platforms/wecom';

const mountSchema = z.object({
  WECOM_CALLBACK_PATH: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().regex(/^\/[A-Za-z0-9_\-./]*$/, '应以 / 开头，例如 /wecom/callback').default('/wecom/callback'),
  ),
});

export interface WecomSetup {
  platform: WecomPlatform;
  /** The application's callback router and where to mount it (WECOM_MODE=app|both). */
  callback?: { path: string; router: Router };
}

/** The WeCom platform from WECOM_* variables; a missing or malformed one stops the start, named. */
export function setupWecom(
  env: NodeJS.ProcessEnv,
  deps: { logger: Logger; clock: Clock; onUndelivered: (delivery: Delivery, error: SendError) => Promise<void> },
): WecomSetup {
  const { config, callbackPath } = parse(env);
  // Pacing follows the process clock, so that a virtual clock moves WeCom's rate windows too.
  const timing: NonNullable<WecomDeps['timing']> = {
    now: () => deps.clock.now().getTime(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  const platform = createWecomPlatform(config, { logger: deps.logger, clock: deps.clock, timing, onUndelivered: deps.onUndelivered });
  return config.app ? { platform, callback: { path: callbackPath, router: platform.callbackRouter() } } : { platform };
}

/** Every problem at once, so that one start names all the variables to fix. */
function parse(env: NodeJS.ProcessEnv): { config: WecomConfig; callbackPath: string } {
  const mount = mountSchema.safeParse(env);
  const issues = mount.success ? [] : [...mount.error.issues];
  let config: WecomConfig | undefined;
  try {
    config = parseWecomConfig(env);
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    issues.unshift(...e.issues);
  }
  if (!config || !mount.success) throw new Error(`企业微信配置有误：\n${formatEnvError(new ZodError(issues))}\n请对照 .env.example 修改。`);
  return { config, callbackPath: mount.data.WECOM_CALLBACK_PATH };
}
