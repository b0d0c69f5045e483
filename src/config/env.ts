import { z } from 'zod';

const platformName = z.enum(['console', 'wecom', 'dingtalk']);

/** Settings that every deployment shares; each platform validates its own WECOM_* / DINGTALK_* block. */
export const coreEnvSchema = z.object({
  DEALGUARD_PLATFORMS: z
    .string()
    .default('console')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(platformName).min(1, 'DEALGUARD_PLATFORMS 至少要有一个平台')),
  DEALGUARD_DB: z.string().min(1).default('data/dealguard.db'),
  /** postgres://… selects PostgreSQL (several instances may share it); unset keeps the SQLite file DEALGUARD_DB. */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 要以 postgres:// 开头，例如 postgres://dealguard:密码@127.0.0.1:5432/dealguard')
    .optional(),
  /** Connections each instance keeps to PostgreSQL. */
  DEALGUARD_DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  /** Names this instance in logs, /healthz and pg_stat_activity (default: host name and process id). */
  DEALGUARD_INSTANCE_ID: z.string().trim().min(1).max(40).regex(/^[\w.-]+$/, 'DEALGUARD_INSTANCE_ID 只能用字母、数字、点、横线和下划线').optional(),
  DEALGUARD_RULES_FILE: z.string().min(1).optional(),
  DEALGUARD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEALGUARD_HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DEALGUARD_HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  DEALGUARD_SEED: z.enum(['demo', 'none']).optional(),
  DEALGUARD_REPORT_DIR: z.string().min(1).default('data/import-reports'),
  /** How long the bot's own connection waits for another process's write lock before answering 系统繁忙. */
  DEALGUARD_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(250),
});

export type CoreEnv = z.infer<typeof coreEnvSchema>;

export function formatEnvError(e: z.ZodError): string {
  return e.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`).join('\n');
}
