import type { Domain } from '../../domain/domain';
import type { RegisterResult } from '../../domain/registration/register';
import type { ChatRef } from '../../platforms/types';
import type { Reply } from '../context';
import { lines } from './format';
import { quietUntil } from '../../domain/time';

/** What the registrant sees after /报备 (or a 确认报备 click). */
export async function registrationReply(d: Domain, chat: ChatRef, r: RegisterResult): Promise<Reply> {
  const t = d.deps.time;
  if (r.kind === 'blocked') {
    const until = r.holder.status === 'won' ? '已成交（长期归属）' : r.holder.protectedUntil ? `保护期至 ${t.dateTime(r.holder.protectedUntil)}` : '审批中';
    return {
      text: lines(
        `⛔ 「${r.customer.name}」已被 ${r.holderName} 报备，不能重复报备。`,
        `原因：${r.reasons.join('；')}`,
        `报备时间：${t.dateTime(r.holder.createdAt)}，${until}。`,
        chat.kind === 'group' ? '如有异议可点「申诉」，或点「申请协作」请对方共享。' : '如有异议可点「申诉」交由经理裁定，或点「申请协作」请对方共享。',
      ),
      cardIds: [r.cardId],
    };
  }
  if (r.kind === 'needs_confirmation') {
    const names = r.suspects.slice(0, 5).map((s) => `· ${s.customer.name}（${s.reasons.join('；')}）`);
    return {
      text: lines(
        r.suspects.length > 0 ? '⚠️ 发现疑似重复的客户，报备尚未提交：' : '⚠️ 报备尚未提交：',
        ...names,
        r.usccWarning && '· 信用代码校验位不符，请核对营业执照；个别真实代码也会校验失败，确认无误可继续。',
        '确认不是同一家公司，请点「确认报备」，或在原命令后加 确认=是 重新发送。',
      ),
      cardIds: [r.cardId],
    };
  }
  const approvers: string[] = [];
  for (const id of r.approverIds) approvers.push((await d.dir.get(id))?.name ?? id);
  const related = r.suspects.map((s) => s.customer.name);
  if (!r.approval) {
    return {
      text: lines(
        `✅ 已报备「${r.customer.name}」，无需审批，保护期至 ${t.dateTime(r.registration.protectedUntil!)}。`,
        related.length > 0 && `已记录你确认过的相似客户：${related.join('、')}`,
      ),
    };
  }
  const quiet = quietUntil(t, d.deps.clock.now(), d.deps.rules.schedule.quietHours);
  const steps = r.steps;
  return {
    text: lines(
      `✅ 已提交报备「${r.customer.name}」（编号 #${r.customer.id}），等待 ${approvers[0]} 审批${steps > 1 ? `，之后由 ${approvers.slice(1).join('、')} 审批（重点客户）` : ''}。`,
      `审批通过后获得 ${d.deps.rules.registration.protectionDays} 天保护期；审批期间其他人无法报备该客户。`,
      quiet && `现在是免打扰时段，审批人将于 ${t.short(quiet)} 收到通知。`,
      related.length > 0 && `审批人会看到你确认过的相似客户：${related.join('、')}`,
    ),
  };
}
