import fs from 'node:fs';
import { z } from 'zod';
import { RENEWAL_STAGES } from '../../db/schema/authorizations';
import { ROLES } from '../../db/schema/org';

/** Who a renewal milestone tells, relative to the authorization's 负责人. */
const RENEWAL_AUDIENCE = ['owner', 'manager', 'director', 'channelManager'] as const;
const OPEN_STAGES = RENEWAL_STAGES.filter((s) => s !== 'not_started' && s !== 'lost') as Exclude<(typeof RENEWAL_STAGES)[number], 'not_started' | 'lost'>[];

const renewalMilestone = z.object({
  daysBefore: z.number().int().min(0).max(365),
  /** Fires only while the renewal has not reached this stage (a lost renewal ends every milestone). */
  untilStage: z.enum(OPEN_STAGES),
  notify: z.array(z.enum(RENEWAL_AUDIENCE)).min(1),
  priority: z.enum(['normal', 'high']),
  /** List the dealer's active registrations on the notice. */
  listRegistrations: z.boolean(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

export const rulesSchema = z.object({
  registration: z.object({
    protectionDays: z.number().int().min(1).max(365),
    reminderDaysBefore: z.array(z.number().int().min(1).max(60)),
    noFollowUpDays: z.number().int().min(1).max(90),
    keyAccountBudgetWan: z.number().min(0),
  }),
  extension: z.object({
    maxPerRegistration: z.number().int().min(0).max(10),
    days: z.number().int().min(1).max(90),
    windowDays: z.number().int().min(1).max(60),
    requireFollowUp: z.boolean(),
  }),
  dedup: z.object({
    /** /查重 by 手机 / 信用代码 / 座机, per person, in any rolling hour and any rolling 24 hours. */
    lookupsPerHour: z.number().int().min(1).max(10_000),
    lookupsPerDay: z.number().int().min(1).max(100_000),
    /** Roles not limited (still audited): they check in bulk for their people. */
    unlimitedRoles: z.array(z.enum(ROLES)),
  }),
  pool: z.object({
    claimProtectionDays: z.number().int().min(1).max(365),
    maxClaimsPerDay: z.number().int().min(1).max(100),
    previousOwnerCooldownDays: z.number().int().min(0).max(365),
  }),
  approval: z.object({
    remindAfterHours: z.number().min(1),
    escalateAfterHours: z.number().min(1),
  }),
  schedule: z.object({
    timezone: z.string().min(1),
    dailySweep: z.string().min(9),
    hourlyCheck: z.string().min(9),
    quietHours: z.object({ start: hhmm, end: hhmm }).nullable(),
  }),
  delivery: z.object({
    retryBaseSeconds: z.number().int().min(1),
    retryMaxSeconds: z.number().int().min(1),
    /** A row claimed for sending longer ago than this was left by a process that died: it is due again. */
    claimLeaseSeconds: z.number().int().min(10),
  }),
  /** Spreadsheets sent in chat (the CLI has no caps): what a 2-core machine parses without trouble. */
  chatImport: z.object({
    maxBytes: z.number().int().min(1024),
    /** Sum of the xlsx's unpacked entries (a zip bomb is small packed, huge unpacked). */
    maxUnpackedBytes: z.number().int().min(1024),
    maxRows: z.number().int().min(1),
  }),
  authorization: z.object({
    /** The renewal task opens (待启动) this many days before the end date; also the 即将到期 window. */
    renewalOpensDaysBefore: z.number().int().min(1).max(365),
    milestones: z.array(renewalMilestone),
    /** End date passed without a paid renewal. */
    expiry: z.object({ notify: z.array(z.enum(RENEWAL_AUDIENCE)).min(1), listRegistrations: z.boolean() }),
    /** 流失 needs one of these. */
    lossReasons: z.array(z.string().trim().min(1).max(20)).min(1),
  }),
  org: z.object({
    /** Where the active customers of someone the org import marks 离职 go: their manager, or the pool. */
    departedCustomers: z.enum(['manager', 'pool']),
  }),
});

export type Rules = z.infer<typeof rulesSchema>;

/** What a fresh install does (design.md "Default rules"). */
export const DEFAULT_RULES: Rules = {
  registration: { protectionDays: 30, reminderDaysBefore: [3, 1], noFollowUpDays: 14, keyAccountBudgetWan: 100 },
  extension: { maxPerRegistration: 2, days: 15, windowDays: 7, requireFollowUp: true },
  dedup: { lookupsPerHour: 20, lookupsPerDay: 100, unlimitedRoles: ['manager', 'director', 'admin'] },
  pool: { claimProtectionDays: 30, maxClaimsPerDay: 3, previousOwnerCooldownDays: 30 },
  approval: { remindAfterHours: 24, escalateAfterHours: 48 },
  schedule: {
    timezone: 'Asia/Shanghai',
    dailySweep: '0 9 * * *',
    hourlyCheck: '0 * * * *',
    quietHours: { start: '21:00', end: '08:30' },
  },
  delivery: { retryBaseSeconds: 30, retryMaxSeconds: 3600, claimLeaseSeconds: 300 },
  chatImport: { maxBytes: 5 * 1024 * 1024, maxUnpackedBytes: 40 * 1024 * 1024, maxRows: 20_000 },
  authorization: {
    renewalOpensDaysBefore: 90,
    milestones: [
      { daysBefore: 90, untilStage: 'intent', notify: ['owner'], priority: 'normal', listRegistrations: false },
      { daysBefore: 60, untilStage: 'intent', notify: ['owner', 'manager'], priority: 'high', listRegistrations: false },
      { daysBefore: 30, untilStage: 'contract', notify: ['director'], priority: 'high', listRegistrations: true },
    ],
    expiry: { notify: ['owner', 'manager', 'director'], listRegistrations: true },
    lossReasons: ['价格', '竞品', '经营困难', '业务调整', '其他'],
  },
  org: { departedCustomers: 'manager' },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]> | null) : T[K] };

function merge<T>(base: T, over: DeepPartial<T> | undefined): T {
  if (over === undefined || over === null) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    out[k] = v === null ? null : merge((base as Record<string, unknown>)[k], v as never);
  }
  return out as T;
}

/** Defaults overlaid with a JSON file of overrides (any subset), validated as a whole. */
export function loadRules(file?: string): Rules {
  if (!file) return DEFAULT_RULES;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`规则文件 ${file} 无法读取或不是合法 JSON：${(e as Error).message}`);
  }
  const merged = merge(DEFAULT_RULES, raw as DeepPartial<Rules>);
  const parsed = rulesSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`规则文件 ${file} 有误：${issues}`);
  }
  return parsed.data;
}
