// DINGTALK_* environment → validated platform config. Only the credentials and the card template
// are required; everything else has a production default and exists so tests (and a proxy in
// production) can point the real client code at other addresses or tune its timing.
import { z } from 'zod';
import { DEFAULT_GATEWAY_URL } from './sdk';

/** An empty env value (`DINGTALK_API_QPS=`) means "use the default", not "0". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const positiveInt = (fallback: number) => optional(z.coerce.number().int().positive().default(fallback));

const httpUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

/** `approval=abc.schema,digest=def.schema` → { approval: 'abc.schema', digest: 'def.schema' } */
const templatesByKind = z
  .string()
  .transform((raw, ctx) => {
    const out: Record<string, string> = {};
    for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
      const m = /^([A-Za-z0-9_-]+)=(\S+)$/.exec(part);
      if (!m?.[1] || !m[2]) {
        ctx.addIssue({ code: 'custom', message: `expected kind=templateId, got "${part}"` });
        return z.NEVER;
      }
      out[m[1]] = m[2];
    }
    return out;
  });

export const dingtalkEnvSchema = z
  .object({
    /** AppKey / Client ID of the enterprise-internal app that owns the robot. */
    DINGTALK_CLIENT_ID: z.string().trim().min(1),
    DINGTALK_CLIENT_SECRET: z.string().trim().min(1),
    /** Robot code; for an enterprise-internal app robot it equals the Client ID. */
    DINGTALK_ROBOT_CODE: optional(z.string().trim().min(1).optional()),
    /** Interactive-card template used for every card kind without its own template. */
    DINGTALK_CARD_TEMPLATE_ID: z.string().trim().min(1),
    /** Optional per-kind templates: `approval=xxx.schema,digest=yyy.schema`. */
    DINGTALK_CARD_TEMPLATES: optional(templatesByKind.default({})),
    DINGTALK_API_BASE: optional(httpUrl.default('https://api.dingtalk.com')),
    /** Legacy API host: /gettoken and /media/upload (files the robot sends back). */
    DINGTALK_OAPI_BASE: optional(httpUrl.default('https://oapi.dingtalk.com')),
    DINGTALK_GATEWAY_URL: optional(httpUrl.default(DEFAULT_GATEWAY_URL)),
    /** Messages per conversation per minute (DingTalk robots: 20/min, then throttled). */
    DINGTALK_CHAT_MSGS_PER_MINUTE: positiveInt(20),
    /** OpenAPI calls per second across the app (standard edition: 20/s per API). */
    DINGTALK_API_QPS: positiveInt(15),
    /** A send waits this long at most for its conversation's rate limit, else it is retried later. */
    DINGTALK_MAX_QUEUE_WAIT_MS: positiveInt(10_000),
    DINGTALK_HTTP_TIMEOUT_MS: positiveInt(10_000),
    DINGTALK_RECONNECT_MIN_MS: positiveInt(1_000),
    DINGTALK_RECONNECT_MAX_MS: positiveInt(60_000),
    /** WebSocket ping interval; no pong or frame within two intervals → reconnect. */
    DINGTALK_KEEPALIVE_MS: positiveInt(15_000),
    DINGTALK_CONNECT_TIMEOUT_MS: positiveInt(15_000),
    /** A callback is ACKed when the bot has handled it, but never later than this after receipt. */
    DINGTALK_ACK_DEADLINE_MS: positiveInt(1_500),
  })
  .transform((env) => ({
    clientId: env.DINGTALK_CLIENT_ID,
    clientSecret: env.DINGTALK_CLIENT_SECRET,
    robotCode: env.DINGTALK_ROBOT_CODE ?? env.DINGTALK_CLIENT_ID,
    cardTemplateId: env.DINGTALK_CARD_TEMPLATE_ID,
    cardTemplatesByKind: env.DINGTALK_CARD_TEMPLATES,
    apiBase: env.DINGTALK_API_BASE,
    oapiBase: env.DINGTALK_OAPI_BASE,
    gatewayUrl: env.DINGTALK_GATEWAY_URL,
    chatMessagesPerMinute: env.DINGTALK_CHAT_MSGS_PER_MINUTE,
    apiQps: env.DINGTALK_API_QPS,
    maxQueueWaitMs: env.DINGTALK_MAX_QUEUE_WAIT_MS,
    httpTimeoutMs: env.DINGTALK_HTTP_TIMEOUT_MS,
    reconnectMinMs: env.DINGTALK_RECONNECT_MIN_MS,
    reconnectMaxMs: Math.max(env.DINGTALK_RECONNECT_MAX_MS, env.DINGTALK_RECONNECT_MIN_MS),
    keepAliveMs: env.DINGTALK_KEEPALIVE_MS,
    connectTimeoutMs: env.DINGTALK_CONNECT_TIMEOUT_MS,
    ackDeadlineMs: env.DINGTALK_ACK_DEADLINE_MS,
  }));

export type DingtalkConfig = z.output<typeof dingtalkEnvSchema>;

/** Parses DINGTALK_* variables; throws with every problem listed, never echoing the secret. */
export function loadDingtalkConfig(env: Record<string, string | undefined> = process.env): DingtalkConfig {
  const parsed = dingtalkEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`invalid DingTalk configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
