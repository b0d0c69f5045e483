export { createDingtalkPlatform, DingtalkPlatform, type DingtalkDeps } from './platform';
export { dingtalkEnvSchema, loadDingtalkConfig, type DingtalkConfig } from './config';
