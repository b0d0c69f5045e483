import type { BusinessTime } from '../../domain/time';
import type { CustomerRow, RegistrationRow } from '../../domain/registration/types';

export const REGISTRATION_STATUS_ZH: Record<RegistrationRow['status'], string> = {
  pending: '审批中',
  protected: '保护中',
  won: '已成交',
  rejected: '已驳回',
  released: '已释放',
  cancelled: '已撤销',
};

export const CUSTOMER_STATUS_ZH: Record<CustomerRow['status'], string> = {
  free: '未被报备',
  pending: '报备审批中',
  protected: '保护中',
  won: '已成交',
  pool: '公海池',
};

export const END_REASON_ZH: Record<string, string> = {
  expired: '保护期到期',
  given_back: '主动释放',
  handover: '转交',
  dispute: '申诉改判',
  withdrawn: '报备人撤回',
};

/** "还剩 3 天" / "今天到期" / "已过期" */
export function daysLeftText(time: BusinessTime, now: Date, until: Date): string {
  if (until.getTime() <= now.getTime()) return '已到期';
  const d = time.calendarDaysBetween(now, until);
  return d === 0 ? '今天到期' : `还剩 ${d} 天`;
}

/** 1.2 亿元 / 12.5 万元 / 8,000 元 */
export function money(cents: number): string {
  const yuan = cents / 100;
  if (yuan >= 100_000_000) return `${Number((yuan / 100_000_000).toFixed(4))} 亿元`;
  if (yuan >= 10_000) return `${Number((yuan / 10_000).toFixed(2))} 万元`;
  return yuanExact(cents);
}

/** 1,200,000.5 元: to the fen, for saying exactly what was recorded. */
export function yuanExact(cents: number): string {
  return `${(cents / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}

export function lines(...xs: (string | false | undefined | null)[]): string {
  return xs.filter((x): x is string => typeof x === 'string' && x.length > 0).join('\n');
}

/** Roles as people say them. */
export const ROLE_ZH = { sales: '销售', manager: '经理', director: '总监', admin: '管理员', partner: '代理商' } as const;
