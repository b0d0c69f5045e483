// WeCom settings come from WECOM_* environment variables, validated here once at start.
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const int = (def: number, min = 0) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).default(def));

export const wecomEnvSchema = z
  .object({
    /** aibot: intelligent bot over the long connection; app: self-built application over HTTP; both. */
    WECOM_MODE: z.preprocess(emptyToUndefined, z.enum(['aibot', 'app', 'both']).default('aibot')),

    WECOM_BOT_ID: optionalString,
    WECOM_BOT_SECRET: optionalString,
    /** The bot's display name, as users type it after @ in groups; without it the leading @name is taken as the bot. */
    WECOM_BOT_NAME: optionalString,
    WECOM_WS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^wss?$/ }).optional()),
    WECOM_HEARTBEAT_MS: int(30_000, 100),
    WECOM_RECONNECT_BASE_MS: int(1_000, 10),
    /** After another connection took over this bot (disconnected_event): 0 stays down, else retry after this delay. */
    WECOM_RECONNECT_AFTER_KICK_MS: int(0),
    /** How start() waits for the first subscription before returning with the connection still retrying. */
    WECOM_CONNECT_TIMEOUT_MS: int(15_000, 100),
    /** name: "@李雷" as text (works everywhere); angle: "<@userid>" (group-robot syntax, unproven for aibot). */
    WECOM_MENTION_SYNTAX: z.preprocess(emptyToUndefined, z.enum(['name', 'angle']).default('name')),

    WECOM_CORP_ID: optionalString,
    WECOM_AGENT_ID: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
    WECOM_APP_SECRET: optionalString,
    WECOM_CALLBACK_TOKEN: optionalString,
    WECOM_CALLBACK_AES_KEY: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9+/]{43}$/).optional()),
    WECOM_API_BASE: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).default('https://qyapi.weixin.qq.com')),
    /** Callbacks whose timestamp is further than this from now are refused (replay protection). */
    WECOM_CALLBACK_MAX_SKEW_S: int(300, 1),

    /** text_notice cards need a click target; cards without buttons link here. */
    WECOM_CARD_LINK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).default('https://work.weixin.qq.com/')),
    /** A send waits at most this long for a rate-limit slot; beyond it fails retryable with retryAfterMs. */
    WECOM_SEND_MAX_WAIT_MS: int(65_000),
  })
  .superRefine((env, ctx) => {
    const need = (keys: (keyof typeof env)[], why: string) => {
      for (const key of keys) {
        if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `required for ${why}` });
      }
    };
    if (env.WECOM_MODE !== 'app') need(['WECOM_BOT_ID', 'WECOM_BOT_SECRET'], 'WECOM_MODE=aibot|both');
    if (env.WECOM_MODE !== 'aibot') {
      need(
        ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_APP_SECRET', 'WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY'],
        'WECOM_MODE=app|both',
      );
    }
  });

export type WecomEnv = z.infer<typeof wecomEnvSchema>;

export interface AibotConfig {
  botId: string;
  secret: string;
  botName?: string;
  wsUrl?: string;
  heartbeatMs: number;
  reconnectBaseMs: number;
  reconnectAfterKickMs: number;
  connectTimeoutMs: number;
  mentionSyntax: 'name' | 'angle';
}

export interface AppConfig {
  corpId: string;
  agentId: number;
  secret: string;
  callbackToken: string;
  callbackAesKey: string;
  apiBase: string;
  maxClockSkewS: number;
}

export interface RateLimit {
  windowMs: number;
  max: number;
}

export interface WecomConfig {
  mode: 'aibot' | 'app' | 'both';
  aibot?: AibotConfig;
  app?: AppConfig;
  cardLinkUrl: string;
  sendMaxWaitMs: number;
  /** Per conversation. WeCom: 30 messages/minute and 1000/hour, replies and pushes together (doc 101463). */
  rateLimits: RateLimit[];
}

export const WECOM_RATE_LIMITS: RateLimit[] = [
  { windowMs: 60_000, max: 30 },
  { windowMs: 3_600_000, max: 1000 },
];

/** Validates WECOM_* variables; throws a ZodError naming every missing or malformed one. */
export function parseWecomConfig(env: Record<string, string | undefined>): WecomConfig {
  const e = wecomEnvSchema.parse(env);
  const config: WecomConfig = {
    mode: e.WECOM_MODE,
    cardLinkUrl: e.WECOM_CARD_LINK_URL,
    sendMaxWaitMs: e.WECOM_SEND_MAX_WAIT_MS,
    rateLimits: WECOM_RATE_LIMITS,
  };
  if (e.WECOM_MODE !== 'app') {
    config.aibot = {
      botId: e.WECOM_BOT_ID as string,
      secret: e.WECOM_BOT_SECRET as string,
      botName: e.WECOM_BOT_NAME,
      wsUrl: e.WECOM_WS_URL,
      heartbeatMs: e.WECOM_HEARTBEAT_MS,
      reconnectBaseMs: e.WECOM_RECONNECT_BASE_MS,
      reconnectAfterKickMs: e.WECOM_RECONNECT_AFTER_KICK_MS,
      connectTimeoutMs: e.WECOM_CONNECT_TIMEOUT_MS,
      mentionSyntax: e.WECOM_MENTION_SYNTAX,
    };
  }
  if (e.WECOM_MODE !== 'aibot') {
    config.app = {
      corpId: e.WECOM_CORP_ID as string,
      agentId: e.WECOM_AGENT_ID as number,
      secret: e.WECOM_APP_SECRET as string,
      callbackToken: e.WECOM_CALLBACK_TOKEN as string,
      callbackAesKey: e.WECOM_CALLBACK_AES_KEY as string,
      apiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
      maxClockSkewS: e.WECOM_CALLBACK_MAX_SKEW_S,
    };
  }
  return config;
}
