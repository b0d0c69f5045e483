import type { CardField } from '../../../bot-cards/card';
import type { Domain } from '../../domain/domain';
import { daysLeftText } from './format';
import { APPROVAL_DIGEST_ITEM } from '../../domain/sweep/approval-sla';
import { discloseApprovalSubject } from './approval-disclosure';

/** A reminder inside a reminders/digest card: which notice template, about what. */
export interface ReminderItem {
  template: string;
  params: Record<string, string | number | boolean | null>;
  priority?: 'normal' | 'high';
}

export interface ReminderView {
  title: string;
  fields: CardField[];
  registrationId?: number;
}

type ItemRenderer = (d: Domain, it: ReminderItem, now: Date) => Promise<ReminderView>;

const ITEM_RENDERERS: Record<string, ItemRenderer> = {
  'protection.expiring': async (d, it, now) => {
    const reg = (await d.records.registration(Number(it.params.registrationId)))!;
    const c = (await d.records.customer(reg.customerId))!;
    const t = d.deps.time;
    const until = reg.protectedUntil!;
    return {
      title: `保护期即将到期：${c.name}`,
      fields: [
        { label: '保护期至', value: `${t.dateTime(until)}（${daysLeftText(t, now, until)}）` },
        { label: '最近跟进', value: reg.lastFollowUpAt ? t.dateTime(reg.lastFollowUpAt) : '暂无' },
        { label: '已延期', value: `${reg.extensionsUsed} / ${d.deps.rules.extension.maxPerRegistration} 次` },
      ],
      registrationId: reg.id,
    };
  },
  'protection.no_follow_up': async (d, it) => {
    const reg = (await d.records.registration(Number(it.params.registrationId)))!;
    const c = (await d.records.customer(reg.customerId))!;
    const t = d.deps.time;
    return {
      title: `${d.deps.rules.registration.noFollowUpDays} 天未跟进：${c.name}`,
      fields: [
        { label: '保护期', value: `${t.date(reg.protectedFrom!)} 至 ${t.date(reg.protectedUntil!)}` },
        { label: '最近跟进', value: reg.lastFollowUpAt ? t.dateTime(reg.lastFollowUpAt) : '暂无' },
        { label: '提示', value: '请尽快跟进并记录，否则到期将自动进入公海' },
      ],
      registrationId: reg.id,
    };
  },
  // An overdue approval inside an approver's digest; the approval card itself is one command away.
  [APPROVAL_DIGEST_ITEM]: async (d, it) => {
    const a = (await d.approvals.get(Number(it.params.approvalId)))!;
    await discloseApprovalSubject(d, a);
    const t = d.deps.time;
    const card = it.params.approvalCardId;
    const title = it.params.escalated === true
      ? `⬆️ 超过 ${d.deps.rules.approval.escalateAfterHours} 小时无人处理，已升级给你：${a.title}`
      : `等待超过 ${d.deps.rules.approval.remindAfterHours} 小时：${a.title}`;
    const fields: CardField[] = [
      { label: '提交人', value: (await d.dir.get(a.requesterId))?.name ?? a.requesterId },
      { label: '提交时间', value: t.dateTime(a.createdAt) },
    ];
    if (a.status !== 'pending') fields.push({ label: '状态', value: '已处理，无需操作' });
    else if (card !== null && card !== undefined) fields.push({ label: '审批', value: `/通过 c${card}，或 /驳回 c${card} <原因>；/审批 重新发出审批卡片` });
    else fields.push({ label: '审批', value: '发送 /审批 查看并处理' });
    return { title, fields };
  },
};

export async function reminderItem(d: Domain, it: ReminderItem, now: Date): Promise<ReminderView> {
  const r = ITEM_RENDERERS[it.template];
  if (!r) return { title: it.template, fields: [] };
  return await r(d, it, now);
}

/** Extends the reminder cards with more item kinds (e.g. authorization renewals). */
export function registerReminderItem(template: string, renderer: ItemRenderer): void {
  ITEM_RENDERERS[template] = renderer;
}

export function isReminderTemplate(template: string): boolean {
  return template in ITEM_RENDERERS;
}
