// WecomConfig for tests, parsed from WECOM_* variables like production, pointed at the fakes.
import { parseWecomConfig, type WecomConfig } from '../../../src/platforms/wecom/config';

export const CALLBACK_KEYS = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'ww-corp-test',
  agentId: 1000002,
};

export function aibotTestConfig(wsUrl: string, env: Record<string, string> = {}): WecomConfig {
  return parseWecomConfig({
    WECOM_MODE: 'aibot',
    WECOM_BOT_ID: 'bot-test',
    WECOM_BOT_SECRET: 'secret-test',
    WECOM_BOT_NAME: '渠道助手',
    WECOM_WS_URL: wsUrl,
    WECOM_HEARTBEAT_MS: '500',
    WECOM_RECONNECT_BASE_MS: '50',
    WECOM_CONNECT_TIMEOUT_MS: '2000',
    ...env,
  });
}

export function appTestConfig(apiBase: string, env: Record<string, string> = {}): WecomConfig {
  return parseWecomConfig({
    WECOM_MODE: 'app',
    WECOM_CORP_ID: CALLBACK_KEYS.corpId,
    WECOM_AGENT_ID: String(CALLBACK_KEYS.agentId),
    WECOM_APP_SECRET: 'app-secret-test',
    WECOM_CALLBACK_TOKEN: CALLBACK_KEYS.token,
    WECOM_CALLBACK_AES_KEY: CALLBACK_KEYS.aesKey,
    WECOM_API_BASE: apiBase,
    ...env,
  });
}
