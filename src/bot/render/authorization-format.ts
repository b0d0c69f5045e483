import type { Domain } from '../../domain/domain';
import { daysBetween, today } from '../../domain/authorization/dates';
import { contractStatus, STATUS_ZH } from '../../domain/authorization/status';
import { STAGE_ZH } from '../../domain/authorization/stages';
import type { AuthorizationView, PeriodRow, RenewalTaskRow } from '../../domain/authorization/types';
import { dealerRegistrations } from '../../domain/authorization/dealer-registrations';

/** "还剩 12 天" / "今天到期" / "已过期 3 天" for a period's end date. */
export function endsText(d: Domain, p: PeriodRow): string {
  const left = daysBetween(today(d.deps.time, d.deps.clock.now()), p.endsOn);
  if (left > 0) return `还剩 ${left} 天`;
  return left === 0 ? '今天到期' : `已过期 ${-left} 天`;
}

/** 有效 / 即将到期（还剩 N 天）/ 已过期（N 天）/ 已续约（新授权期 …）. */
export function statusText(d: Domain, v: AuthorizationView): string {
  const day = today(d.deps.time, d.deps.clock.now());
  const s = contractStatus(v.periods, day, d.deps.rules.authorization.renewalOpensDaysBefore);
  if (s === 'renewed') return `${STATUS_ZH.renewed}（新授权期 ${v.latest.startsOn} 起）`;
  return `${STATUS_ZH[s]}（${endsText(d, v.latest)}）`;
}

export async function stageText(d: Domain, task: RenewalTaskRow | undefined): Promise<string> {
  if (!task) return '未开启（到期前 ' + d.deps.rules.authorization.renewalOpensDaysBefore + ' 天自动开启）';
  const by = (await d.dir.get(task.stageChangedBy))?.name ?? (task.stageChangedBy === 'system' ? '系统' : task.stageChangedBy);
  const reason = task.stage === 'lost' && task.lossReason ? `：${task.lossReason}` : '';
  return `${STAGE_ZH[task.stage]}${reason}（${by} · ${d.deps.time.short(task.stageChangedAt)}）`;
}

export async function personName(d: Domain, id: string): Promise<string> {
  return (await d.dir.get(id))?.name ?? id;
}

/** "3 个：A、B、C…" — a dealer's live customers, for the T-30 and expiry notices. */
export async function registrationsText(d: Domain, dealerId: string): Promise<string> {
  const r = await dealerRegistrations(d.deps, d.dir, dealerId);
  if (r.total === 0) return '无';
  return `${r.total} 个：${r.names.join('、')}${r.total > r.names.length ? ' 等' : ''}`;
}
