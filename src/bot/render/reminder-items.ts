import type { CardField } from '../../../bot-cards/card';
import type { Domain } from '../../domain/domain';
import { daysLeftText } from './format';

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

type ItemRenderer = (d: Domain, it: ReminderItem, now: Date) => ReminderView;

const ITEM_RENDERERS: Record<string, ItemRenderer> = {
  'protection.expiring': (d, it, now) => {
    const reg = d.records.registration(Number(it.params.registrationId))!;
    const c = d.records.customer(reg.customerId)!;
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
  'protection.no_follow_up': (d, it) => {
    const reg = d.records.registration(Number(it.params.registrationId))!;
    const c = d.records.customer(reg.customerId)!;
    const t = d.deps.time;
    return {
      title: `${d.deps.rules.registration.noFollowUpDays} 天未跟进：${c.name}`,
      fields: [
        { label: '保护期', value: `${t.date(reg.protectedFrom!)} 至 ${t.date(reg.protectedUntil!)}` },
        { label: '提示', value: '请尽快跟进并记录，否则到期将自动进入公海' },
      ],
      registrationId: reg.id,
    };
  },
};

export function reminderItem(d: Domain, it: ReminderItem, now: Date): ReminderView {
  const r = ITEM_RENDERERS[it.template];
  if (!r) return { title: it.template, fields: [] };
  return r(d, it, now);
}

/** Extends the reminder cards with more item kinds (e.g. authorization renewals). */
export function registerReminderItem(template: string, renderer: ItemRenderer): void {
  ITEM_RENDERERS[template] = renderer;
}

export function isReminderTemplate(template: string): boolean {
  return template in ITEM_RENDERERS;
}
