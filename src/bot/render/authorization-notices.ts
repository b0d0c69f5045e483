import type { Domain } from '../../domain/domain';
import { authorizationServices } from '../../domain/authorization/services';
import { EXPIRY, RENEWAL_NOTICE } from '../../domain/authorization/renewal-sweep';
import { LAPSED_ATTEMPT_NOTICE } from '../../domain/authorization/dealer-guard';
import { isClosed, STAGE_CHOICES, STAGE_ZH } from '../../domain/authorization/stages';
import { daysBetween, today } from '../../domain/authorization/dates';
import { registerReminderItem, type ReminderItem, type ReminderView } from './reminder-items';
import { registerNoticeText } from './notice-text';
import { endsText, personName, registrationsText, stageText } from './authorization-format';
import { disclose } from './disclosures';

/** One renewal milestone inside a reminder or digest card, rendered with the state at delivery. */
async function renewalItem(d: Domain, it: ReminderItem): Promise<ReminderView> {
  const s = authorizationServices(d);
  const p = await s.store.period(Number(it.params.periodId));
  const a = p ? await s.store.byId(p.authorizationId) : undefined;
  if (!p || !a) return { title: '代理授权已不存在', fields: [] };
  disclose({ kind: 'authorization', authorizationId: a.id });
  const task = await s.store.taskOfPeriod(p.id);
  const expired = Number(it.params.milestone) === EXPIRY;
  const name = `${a.dealerId}（${a.contractNo}）`;
  const mark = it.priority === 'high' ? '🔴 ' : '';
  const fields = [
    { label: '到期日期', value: `${p.endsOn}（${endsText(d, p)}）` },
    { label: '续约阶段', value: await stageText(d, task) },
    { label: '负责人', value: await personName(d, a.ownerId) },
    { label: '授权产品线', value: a.productLines.join('、') || '—' },
  ];
  if (it.params.late === true) {
    const left = daysBetween(today(d.deps.time, d.deps.clock.now()), p.endsOn);
    fields.unshift({ label: '⚠️ 注意', value: `距到期仅剩 ${left} 天：该授权登记较晚，更早的到期提醒没有发出，请立即推进续约` });
  }
  if (it.params.listRegistrations === true) fields.push({ label: '该代理商在手客户', value: await registrationsText(d, a.dealerId) });
  if (p.nextPeriodId !== null) fields.push({ label: '进展', value: '✅ 已回款续约，无需处理' });
  else if (!task || !isClosed(task.stage)) fields.push({ label: '推进', value: `/续约 ${a.contractNo} <${STAGE_CHOICES}> [备注]` });
  if (expired) {
    return { title: `${mark}代理授权已到期：${name}`, fields: [...fields, { label: '影响', value: '续约回款前，该代理商不能报备或认领新客户' }] };
  }
  const stage = task ? STAGE_ZH[task.stage] : STAGE_ZH.not_started;
  return { title: `${mark}代理授权即将到期${task?.stage === 'not_started' || !task ? `，续约${stage}` : ''}：${name}`, fields };
}

export function registerAuthorizationRenderers(): void {
  registerReminderItem(RENEWAL_NOTICE, renewalItem);
  registerNoticeText(LAPSED_ATTEMPT_NOTICE, async (d, p) => {
    disclose({ kind: 'internal' });
    const who = await personName(d, String(p.actor));
    const when = p.endsOn ? `已于 ${p.endsOn} 到期（合同 ${p.contractNo}）` : '尚未生效';
    const next = p.contractNo ? `请尽快推进续约：/续约 ${p.contractNo} <阶段>` : `请确认授权：/授权 ${p.dealerId}`;
    return `⚠️ 代理商「${p.dealerId}」的授权${when}，${who} 报备或认领「${p.company}」被拒绝。${next}`;
  });
}
