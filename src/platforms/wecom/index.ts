// Entry point for the core: parse WECOM_* once, create the platform, mount callbackRouter() when
// the application mode is on.
import type { WecomConfig } from './config';
import { WecomPlatform, type WecomDeps } from './platform';

export { parseWecomConfig, wecomEnvSchema, type WecomConfig, type WecomEnv } from './config';
export { WecomPlatform, type WecomDeps } from './platform';

export function createWecomPlatform(config: WecomConfig, deps: WecomDeps): WecomPlatform {
  return new WecomPlatform(config, deps);
}
