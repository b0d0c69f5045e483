import type { Domain } from '../../domain/domain';
import type { Staff } from '../../domain/org/directory';
import type { CustomerRow } from '../../domain/registration/types';
import type { Reply } from '../context';
import { CUSTOMER_STATUS_ZH, END_REASON_ZH, REGISTRATION_STATUS_ZH, daysLeftText, lines, money } from './format';
import { historyLine } from './history';
import { disclose } from './disclosures';

/**
 * /客户: the facts everyone may see, and contacts and history only for those allowed. What a group
 * may be shown is decided on delivery by who reads it (`publicText` is its share).
 */
export async function customerDetailReply(d: Domain, viewer: Staff, c: CustomerRow): Promise<Reply> {
  const v = await d.queries.view(viewer, c);
  const t = d.deps.time;
  const now = d.deps.clock.now();
  const a = v.active;
  const holder = a
    ? `${v.ownerName} · ${REGISTRATION_STATUS_ZH[a.status]}${a.status === 'protected' && a.protectedUntil ? ` · 保护期至 ${t.dateTime(a.protectedUntil)}（${daysLeftText(t, now, a.protectedUntil)}）` : ''}`
    : CUSTOMER_STATUS_ZH[c.status];
  const head = [`🏢 #${c.id} ${c.name}`, `状态：${holder}`];
  const publicText = lines(
    ...head,
    a && `报备时间：${t.dateTime(a.createdAt)}`,
    c.status === 'pool' && `在公海池中，发送 /认领 ${c.name} 认领。`,
    a && !v.full && `联系方式和跟进记录仅 ${v.ownerName} 及其上级可见。`,
  );
  if (!v.full) return { text: publicText };
  disclose({ kind: 'customer', customerId: c.id });
  const region = [c.province, c.city].filter(Boolean).join(' ');
  const name = async (id: string) => (await d.dir.get(id))?.name ?? id;
  const regs: string[] = [];
  for (const r of v.registrations) {
    regs.push(`· ${await name(r.ownerId)} ${t.date(r.createdAt)} ${REGISTRATION_STATUS_ZH[r.status]}${r.endReason ? `（${END_REASON_ZH[r.endReason] ?? r.endReason}）` : ''}`);
  }
  const followUps: string[] = [];
  for (const f of v.followUps.slice(0, 5)) followUps.push(`· ${t.short(f.at)} ${await name(f.staffId)}：${f.content}`);
  const history: string[] = [];
  for (const h of v.history.slice(-15)) history.push(await historyLine(d, h));
  return {
    publicText,
    text: lines(
      ...head,
      `联系人：${c.contactName} ${c.mobileAsTyped ?? (c.mobile ? c.mobile.replace('+86', '') : '')}${c.landline ? ` 座机 ${c.landlineAsTyped ?? c.landline.replace('+86', '0')}` : ''}`,
      c.uscc && `信用代码：${c.uscc}${c.usccChecksumOk === false ? '（校验位不符，已确认）' : ''}`,
      region && `地区：${region}`,
      c.product && `意向产品：${c.product}`,
      c.budgetWan !== null && `预算：${c.budgetWan} 万元${c.keyAccount ? '（重点客户）' : ''}`,
      c.source && `来源：${c.source}`,
      c.note && `备注：${c.note}`,
      a && `延期：${a.extensionsUsed} / ${d.deps.rules.extension.maxPerRegistration} 次`,
      v.orders.length > 0 && `成交：${v.orders.map((o) => `${t.date(o.at)} ${money(o.amountCents)}`).join('；')}`,
      v.followUps.length > 0 && '最近跟进：',
      ...followUps,
      regs.length > 0 && '报备记录：',
      ...regs,
      v.history.length > 0 && '操作历史：',
      ...history,
    ),
  };
}
