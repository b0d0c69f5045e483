import { DEFAULT_GATEWAY_URL } from '../../../src/platforms/dingtalk/sdk';
import { loadDingtalkConfig } from '../../../src/platforms/dingtalk/config';

const minimal = {
  DINGTALK_CLIENT_ID: 'dingabc',
  DINGTALK_CLIENT_SECRET: 's3cret-value',
  DINGTALK_CARD_TEMPLATE_ID: 'tpl-notice.schema',
};

test('defaults point at DingTalk itself; the robot code defaults to the client id', () => {
  const config = loadDingtalkConfig(minimal);
  expect(config).toMatchObject({
    clientId: 'dingabc',
    robotCode: 'dingabc',
    cardTemplateId: 'tpl-notice.schema',
    cardTemplatesByKind: {},
    apiBase: 'https://api.dingtalk.com',
    gatewayUrl: 'https://api.dingtalk.com/v1.0/gateway/connections/open',
    chatMessagesPerMinute: 20,
    apiQps: 15,
    reconnectMinMs: 1_000,
    reconnectMaxMs: 60_000,
    ackDeadlineMs: 1_500,
  });
  expect(config.gatewayUrl).toBe(DEFAULT_GATEWAY_URL);
});

test('overrides, per-kind templates, trailing slashes, empty values meaning default', () => {
  const config = loadDingtalkConfig({
    ...minimal,
    DINGTALK_ROBOT_CODE: 'robot-1',
    DINGTALK_CARD_TEMPLATES: 'approval=tpl-approval.schema, digest=tpl-digest.schema',
    DINGTALK_API_BASE: 'http://127.0.0.1:4000/',
    DINGTALK_GATEWAY_URL: 'http://127.0.0.1:4000/v1.0/gateway/connections/open',
    DINGTALK_API_QPS: '',
    DINGTALK_RECONNECT_MIN_MS: '500',
    DINGTALK_RECONNECT_MAX_MS: '100',
  });
  expect(config).toMatchObject({
    robotCode: 'robot-1',
    cardTemplatesByKind: { approval: 'tpl-approval.schema', digest: 'tpl-digest.schema' },
    apiBase: 'http://127.0.0.1:4000',
    apiQps: 15,
    reconnectMinMs: 500,
    reconnectMaxMs: 500,
  });
});

test('every problem is listed and the secret is never echoed', () => {
  let message = '';
  try {
    loadDingtalkConfig({ DINGTALK_CLIENT_SECRET: 'do-not-print-me', DINGTALK_API_QPS: 'fast', DINGTALK_CARD_TEMPLATES: 'approval' });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain('DINGTALK_CLIENT_ID');
  expect(message).toContain('DINGTALK_CARD_TEMPLATE_ID');
  expect(message).toContain('DINGTALK_API_QPS');
  expect(message).toContain('expected kind=templateId');
  expect(message).not.toContain('do-not-print-me');
});

test('a non-http API base is refused', () => {
  expect(() => loadDingtalkConfig({ ...minimal, DINGTALK_API_BASE: 'ftp://x' })).toThrow(/DINGTALK_API_BASE/);
});
