import type { Domain } from '../../domain/domain';
import { eq } from 'drizzle-orm';
import type { NoticePayload } from '../../../db/schema';
import { first } from '../../storage/unit-of-work';
import { END_REASON_ZH, money } from './format';
import { disclose } from './disclosures';
import { discloseApprovalSubject } from './approval-disclosure';

/** The Chinese text of a notice that is not a card of its own (awaited: most look things up). */
type TextRenderer = (d: Domain, p: NoticePayload['params']) => string | Promise<string>;

/** Text for the company's own eyes (never a dealer's). */
function internal(text: string): string {
  disclose({ kind: 'internal' });
  return text;
}

const name = async (d: Domain, id: unknown): Promise<string> => (typeof id === 'string' ? (await d.dir.get(id))?.name ?? id : '');

const KIND_ZH: Record<string, string> = { registration: '报备', extension: '延期申请', dispute: '申诉', collaboration: '协作申请' };

const TEXT: Record<string, TextRenderer> = {
  'approval.request': async (d, p) => {
    const a = (await d.approvals.get(Number(p.approvalId)))!;
    return `📝 ${await name(d, a.requesterId)} 提交了${KIND_ZH[a.kind] ?? '审批'}，请审批：${a.title}`;
  },
  'approval.remind': async (d, p) => {
    const a = (await d.approvals.get(Number(p.approvalId)))!;
    return `⏰ 这条审批已等待超过 ${d.deps.rules.approval.remindAfterHours} 小时，请尽快处理：${a.title}`;
  },
  'approval.escalated': async (d, p) => {
    const a = (await d.approvals.get(Number(p.approvalId)))!;
    return `⬆️ 审批超过 ${d.deps.rules.approval.escalateAfterHours} 小时无人处理，已升级给你，你可以直接审批：${a.title}`;
  },
  'approval.escalated_requester': async (d, p) => {
    const a = (await d.approvals.get(Number(p.approvalId)))!;
    const to: string[] = [];
    for (const x of await d.approvals.assignees(Number(p.stepId))) if (x.source === 'escalated') to.push(await name(d, x.staffId));
    const reg = a.kind === 'registration' ? (await d.records.registration(a.subjectId))! : undefined;
    const what = reg ? `报备「${(await d.records.customer(reg.customerId))!.name}」` : `${KIND_ZH[a.kind] ?? '审批'}（${a.title}）`;
    return `⏫ 你的${what}已超过 ${d.deps.rules.approval.escalateAfterHours} 小时未审批，已升级给 ${to.join('、')}，TA 可以直接审批。`;
  },
  'approval.decided': async (d, p) => {
    const a = (await d.approvals.get(Number(p.approvalId)))!;
    await discloseApprovalSubject(d, a);
    const by = await name(d, a.decidedBy);
    const t = d.deps.time;
    if (a.kind === 'registration') {
      const reg = (await d.records.registration(a.subjectId))!;
      const c = (await d.records.customer(reg.customerId))!;
      return a.status === 'approved'
        ? `✅ 你的报备「${c.name}」已由 ${by} 审批通过，保护期至 ${t.dateTime(reg.protectedUntil!)}。`
        : `❌ 你的报备「${c.name}」被 ${by} 驳回：${a.reason ?? ''}。如需修改后重新提交，请再次发送 /报备。`;
    }
    if (a.kind === 'extension') {
      const reg = (await d.records.registration(a.subjectId))!;
      const c = (await d.records.customer(reg.customerId))!;
      return a.status === 'approved'
        ? `✅ 「${c.name}」延期已由 ${by} 批准，保护期延至 ${t.dateTime(reg.protectedUntil!)}（已延期 ${reg.extensionsUsed} 次）。`
        : `❌ 「${c.name}」的延期申请被 ${by} 驳回：${a.reason ?? ''}`;
    }
    if (a.kind === 'dispute') {
      return a.status === 'approved' ? `✅ 你的申诉（${a.title}）已由 ${by} 支持，客户已转到你名下。` : `❌ 你的申诉（${a.title}）被 ${by} 驳回：${a.reason ?? ''}`;
    }
    if (a.kind === 'collaboration') {
      return a.status === 'approved' ? `✅ ${by} 同意了你的协作申请（${a.title}），你现在可以查看并跟进该客户。` : `❌ ${by} 拒绝了你的协作申请（${a.title}）：${a.reason ?? ''}`;
    }
    return `${a.title}：${a.status === 'approved' ? '已通过' : '已驳回'}（${by}）`;
  },
  'protection.released': async (d, p) => {
    const reg = (await d.records.registration(Number(p.registrationId)))!;
    const c = (await d.records.customer(reg.customerId))!;
    const reason = END_REASON_ZH[reg.endReason ?? ''] ?? reg.endReason ?? '';
    return `📤 ${await name(d, reg.ownerId)} 的客户「${c.name}」已进入公海池（${reason}）。其他人可以发送 /认领 ${c.name} 认领；原负责人 ${d.deps.rules.pool.previousOwnerCooldownDays} 天内不能认领。`;
  },
  // To a group (which may hold a dealer's people): the company name and the claim hint only.
  'pool.announced': async (d, p) => {
    const c = (await d.records.customer(Number(p.customerId)))!;
    if (c.status !== 'pool') return `📤 「${c.name}」进入公海池后已被认领。`;
    return `📤 「${c.name}」已进入公海池，需要的同事可以发送 /认领 #${c.id} 认领（每人每天最多 ${d.deps.rules.pool.maxClaimsPerDay} 个）。`;
  },
  'pool.claimed': async (d, p) => {
    const reg = (await d.records.registration(Number(p.registrationId)))!;
    const c = (await d.records.customer(reg.customerId))!;
    return `📥 ${await name(d, reg.ownerId)} 从公海认领了「${c.name}」，保护期至 ${d.deps.time.dateTime(reg.protectedUntil!)}。`;
  },
  'order.won': async (d, p) => {
    const { db, t } = d.deps.tx;
    const o = first(await db.select().from(t.orders).where(eq(t.orders.id, Number(p.orderId))).limit(1));
    if (!o) return '成交记录已不存在。';
    const c = (await d.records.customer(o.customerId))!;
    disclose({ kind: 'customer', customerId: c.id });
    const by = o.recordedBy !== o.ownerId ? `（${await name(d, o.recordedBy)} 登记）` : '';
    return `🎉 ${await name(d, o.ownerId)} 成交「${c.name}」，金额 ${money(o.amountCents)}${by}，业绩归属 ${await name(d, o.ownerId)}。`;
  },
  'handover.done': async (d, p) => {
    disclose({ kind: 'internal' });
    const target = p.to === 'pool' ? '公海池' : await name(d, p.to);
    const parts = [
      Number(p.moved) > 0 && `转给 ${target} ${p.moved} 个`,
      Number(p.released) > 0 && `放入公海 ${p.released} 个`,
      Number(p.withdrawn) > 0 && `撤回审批中的报备 ${p.withdrawn} 个`,
      Number(p.keptWon) > 0 && `已成交 ${p.keptWon} 个未放入公海`,
    ].filter(Boolean);
    return `🔁 ${await name(d, p.actor)} 转交了 ${await name(d, p.from)} 的客户：${parts.join('，') || '没有需要转交的客户'}。`;
  },
  'handover.departed': async (d, p) => {
    disclose({ kind: 'internal' });
    const parts = [
      Number(p.moved) > 0 && `${p.to === 'pool' ? '已成交的' : ''}${p.moved} 个转给 ${p.to === 'pool' ? '你' : await name(d, p.to)}`,
      Number(p.released) > 0 && `${p.released} 个放入公海`,
      Number(p.withdrawn) > 0 && `审批中的报备 ${p.withdrawn} 个已撤回`,
      Number(p.keptWon) > 0 && `已成交 ${p.keptWon} 个仍在 TA 名下`,
    ].filter(Boolean);
    return `🔁 ${await name(d, p.from)} 已在组织架构中标记为离职，TA 的客户：${parts.join('，') || '没有需要转交的客户'}。${Number(p.moved) > 0 ? '接收人发送 /我的 可查看。' : ''}`;
  },
  'approval.reassigned': async (d, p) => {
    const a = (await d.approvals.get(Number(p.approvalId)))!;
    return `📝 ${await name(d, p.from)} 已离职，TA 待审批的${KIND_ZH[a.kind] ?? '审批'}转由你审批：${a.title}`;
  },
  'dispute.lost': async (d, p) => {
    const a = (await d.approvals.get(Number(p.approvalId)))!;
    const c = (await d.records.customer(Number(p.customerId)))!;
    return `⚠️ ${await name(d, a.requesterId)} 对「${c.name}」的申诉已由 ${await name(d, a.decidedBy)} 支持，该客户已转给 ${await name(d, a.requesterId)}。如有异议请联系 ${await name(d, a.decidedBy)}。`;
  },
  'registration.withdrawn': async (d, p) => {
    const reg = (await d.records.registration(Number(p.registrationId)))!;
    const c = (await d.records.customer(reg.customerId))!;
    // The reason is the registrant's note on the customer.
    disclose({ kind: 'customer', customerId: c.id });
    return `↩️ ${await name(d, reg.ownerId)} 撤回了报备「${c.name}」${p.reason ? `（${String(p.reason)}）` : ''}，这条审批已撤销，无需处理。`;
  },
  'delivery.failed': (_d, p) => internal(`🚫 有一条消息无法送达 ${p.recipient}（${p.platform}）：${p.error}。请检查此人是否已离职或群是否已解散，必要时更新组织架构。`),
};

export function registerNoticeText(template: string, r: TextRenderer): void {
  TEXT[template] = r;
}

export async function noticeText(d: Domain, payload: NoticePayload): Promise<string> {
  const r = TEXT[payload.template];
  return r ? await r(d, payload.params) : payload.template;
}
