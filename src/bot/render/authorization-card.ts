import type { Card, CardField } from '../../../bot-cards/card';
import type { Domain } from '../../domain/domain';
import { cardIdText, type CardRow } from '../../domain/cards/cards';
import { authorizationServices } from '../../domain/authorization/services';
import { isClosed, STAGE_CHOICES } from '../../domain/authorization/stages';
import { maskMobile } from '../../domain/dedup';
import { personName, stageText, statusText } from './authorization-format';
import { disclose } from './disclosures';

export const AUTHORIZATION_CARD = 'authorization';

/** Contacts are shown in full only to those who work with the contract (in a group: only if every member does). */
export interface AuthorizationCardData {
  showContact: boolean;
}

function phoneText(phone: string | null, full: boolean): string {
  if (!phone) return '';
  const local = phone.startsWith('+86') ? phone.slice(3) : phone;
  return full ? local : maskMobile(phone);
}

/** /授权: a dealer's contract at a glance, rendered from its current state. */
export async function authorizationCard(row: CardRow, d: Domain): Promise<Card> {
  const s = authorizationServices(d);
  const a = await s.store.byId(row.subjectId);
  if (!a) return { id: cardIdText(row.id), kind: AUTHORIZATION_CARD, title: '代理授权已不存在', fields: [], buttons: [] };
  const v = await s.store.view(a);
  disclose({ kind: 'authorization', authorizationId: a.id });
  const data = (row.data ?? { showContact: false }) as unknown as AuthorizationCardData;
  if (data.showContact) disclose({ kind: 'authorization_contact', authorizationId: a.id });
  const status = statusText(d, v);
  const fields: CardField[] = [
    { label: '状态', value: status },
    { label: '授权期', value: `${v.latest.startsOn} 至 ${v.latest.endsOn}` },
    { label: '授权产品线', value: a.productLines.join('、') || '—' },
    { label: '授权区域', value: a.regions.join('、') || '—' },
  ];
  if (a.tier) fields.push({ label: '合作等级', value: a.tier });
  fields.push({ label: '负责人', value: await personName(d, a.ownerId) });
  if (a.contactName || a.contactPhone) fields.push({ label: '关键联系人', value: `${a.contactName ?? ''} ${phoneText(a.contactPhone, data.showContact)}`.trim() });
  const previous = v.periods.length > 1 ? await s.store.taskOfPeriod(v.periods[v.periods.length - 2]!.id) : undefined;
  if (!v.task && previous) fields.push({ label: '上次续约', value: await stageText(d, previous) });
  else fields.push({ label: '续约', value: await stageText(d, v.task) });
  if (v.periods.length > 1) {
    fields.push({ label: '历史授权期', value: v.periods.slice(0, -1).map((p) => `${p.startsOn}~${p.endsOn}`).join('；') });
  }
  const open = v.task && !isClosed(v.task.stage);
  return {
    id: cardIdText(row.id),
    kind: AUTHORIZATION_CARD,
    title: `代理授权：${a.dealerId}（${a.contractNo}）`,
    tone: status.startsWith('已过期') ? 'danger' : status.startsWith('即将到期') ? 'warning' : 'success',
    fields,
    buttons: [],
    ...(open ? { footer: `推进续约：/续约 ${a.contractNo} <${STAGE_CHOICES}> [备注]` } : {}),
  };
}
