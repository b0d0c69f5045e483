import type { Domain } from '../../domain/domain';
import type { auditLog } from '../../../db/schema';

const ACTION_ZH: Record<string, string> = {
  'registration.create': '报备',
  'registration.approve': '报备通过',
  'registration.reject': '报备驳回',
  'registration.auto_approved': '报备（免审批）',
  'registration.release': '释放到公海',
  'approval.start': '提交审批',
  'approval.approved': '审批通过',
  'approval.rejected': '审批驳回',
  'approval.escalate': '审批升级',
  'approval.cancel': '审批撤销',
  'followup.create': '跟进',
  'extension.approve': '延期生效',
  'pool.claim': '从公海认领',
  'order.create': '登记成交',
  'handover.move': '转交',
  'handover.withdraw': '转交时撤回',
  'dispute.approve': '申诉改判',
  'collaboration.approve': '同意协作',
};

const FIELD_ZH: Record<string, string> = {
  status: '状态', owner: '负责人', protectedUntil: '保护期至', extensionsUsed: '已延期', reason: '原因', decision: '决定', step: '级',
};

function brief(obj: Record<string, unknown> | null): string {
  if (!obj) return '';
  return Object.entries(obj)
    .filter(([k]) => k in FIELD_ZH)
    .map(([k, v]) => `${FIELD_ZH[k]}=${String(v)}`)
    .join(' ');
}

/** One line of /客户 history: when, who, what, before → after; refusals marked. */
export function historyLine(d: Domain, h: typeof auditLog.$inferSelect): string {
  const who = h.actorId === 'system' ? '系统' : d.dir.get(h.actorId)?.name ?? h.actorId;
  const what = ACTION_ZH[h.action] ?? h.action;
  const change = [brief(h.before), brief(h.after)].filter(Boolean).join(' → ');
  const refused = h.outcome === 'refused' ? '【被拒绝】' : '';
  return `· ${d.deps.time.short(h.at)} ${who} ${refused}${what}${change ? ` ${change}` : ''}${h.detail ? `（${h.detail}）` : ''}`;
}
