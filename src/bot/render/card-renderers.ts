import type { Card, CardButton, CardSection } from '../../../bot-cards/card';
import type { Domain } from '../../domain/domain';
import { cardIdText, type CardRow } from '../../domain/cards/cards';
import { reminderItem, type ReminderItem } from './reminder-items';
import { disclose } from './disclosures';
import { discloseApprovalSubject } from './approval-disclosure';

/** Renders a card from its current state (it may query storage: callers collect its disclosures with collectDisclosuresAsync). */
export type CardRenderer = (row: CardRow, domain: Domain) => Promise<Card>;

const DECISION_ZH = { approved: '通过', rejected: '驳回' } as const;

/** Names of staff by id (an unknown id stays as it is), fetched before a synchronous render. */
async function staffNames(d: Domain, ids: Iterable<string>): Promise<(id: string) => string> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) names.set(id, (await d.dir.get(id))?.name ?? id);
  return (id) => names.get(id) ?? id;
}

async function approvalCard(row: CardRow, d: Domain): Promise<Card> {
  const step = (await d.approvals.step(row.subjectId))!;
  const approval = (await d.approvals.get(step.approvalId))!;
  await discloseApprovalSubject(d, approval);
  const steps = await d.approvals.steps(approval.id);
  const assignees = await d.approvals.assignees(step.id);
  const next = step.status === 'approved' && approval.status === 'pending' ? steps.find((s) => s.idx === step.idx + 1) : undefined;
  const nextAssignees = next ? await d.approvals.assignees(next.id) : [];
  const name = await staffNames(d, [
    ...assignees.map((a) => a.staffId),
    ...nextAssignees.map((a) => a.staffId),
    ...(approval.decidedBy ? [approval.decidedBy] : []),
  ]);
  const t = d.deps.time;
  const stepNo = steps.length > 1 ? `第 ${step.idx + 1}/${steps.length} 级 · ` : '';
  const approvers = assignees.filter((a) => a.source === 'assigned').map((a) => name(a.staffId)).join('、');
  const escalated = assignees.filter((a) => a.source === 'escalated').map((a) => name(a.staffId));
  const card: Card = {
    id: cardIdText(row.id),
    kind: 'approval',
    title: approval.title,
    subtitle: `${stepNo}审批人：${approvers}${escalated.length ? `（已升级：${escalated.join('、')}）` : ''}${step.mode === 'all' && assignees.length > 1 ? ' · 会签' : ''}`,
    tone: 'info',
    fields: [...approval.facts, { label: '提交时间', value: t.dateTime(approval.createdAt) }],
    buttons: [],
  };
  const decided = assignees.filter((a) => a.decision);
  if (step.status === 'pending' && approval.status === 'pending') {
    card.buttons = [
      { action: 'approve', label: '通过', style: 'primary' },
      { action: 'reject', label: '驳回', style: 'danger', input: { prompt: '驳回原因', required: true } },
    ];
    if (decided.length > 0) card.footer = decided.map((a) => `${name(a.staffId)} 已${DECISION_ZH[a.decision!]}`).join('；');
    return card;
  }
  const last = decided.sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0))[0];
  if (step.status === 'approved' && approval.status === 'pending') {
    const nextNames = nextAssignees.map((a) => name(a.staffId)).join('、');
    card.tone = 'success';
    card.footer = `本级已通过 · ${last ? `${name(last.staffId)} · ${t.dateTime(last.decidedAt!)}` : ''} · 已转 ${nextNames} 审批`;
    return card;
  }
  if (approval.status === 'cancelled' || step.status === 'cancelled') {
    card.tone = 'warning';
    card.footer = `已撤销${approval.reason ? `：${approval.reason}` : ''}`;
    return card;
  }
  const status = approval.status === 'approved' ? '已通过' : '已驳回';
  card.tone = approval.status === 'approved' ? 'success' : 'danger';
  const by = approval.decidedBy ? name(approval.decidedBy) : '';
  card.footer = `${status} · ${by} · ${approval.decidedAt ? t.dateTime(approval.decidedAt) : ''}${approval.reason ? ` · 原因：${approval.reason}` : ''}`;
  return card;
}

async function blockedCard(row: CardRow, d: Domain): Promise<Card> {
  const data = row.data as { holderRegistrationId: number; reasons: string[] };
  const holder = await d.records.registration(data.holderRegistrationId);
  const customer = (await d.records.customer(row.subjectId))!;
  const t = d.deps.time;
  const ownerName = holder ? (await d.dir.get(holder.ownerId))?.name ?? holder.ownerId : '—';
  const card: Card = {
    id: cardIdText(row.id),
    kind: 'blocked',
    title: `重复报备：${customer.name}`,
    subtitle: data.reasons.join('；'),
    tone: 'danger',
    fields: [
      { label: '已被报备', value: ownerName },
      { label: '报备时间', value: holder ? t.dateTime(holder.createdAt) : '—' },
      {
        label: '保护期至',
        value: holder?.status === 'won' ? '已成交（长期归属）' : holder?.protectedUntil ? t.dateTime(holder.protectedUntil) : '审批中',
      },
    ],
    buttons: row.closed
      ? []
      : [
          { action: 'dispute', label: '申诉', style: 'danger', input: { prompt: '申诉理由（例如：我先接触客户的证据）', required: false } },
          { action: 'collaborate', label: '申请协作', style: 'default', input: { prompt: '给对方的说明', required: false } },
        ],
  };
  if (row.closed) card.footer = '已提交，等待处理';
  return card;
}

function confirmCard(row: CardRow): Promise<Card> {
  const data = row.data as { input: { company: string }; suspects: { customerId: number; name: string; reason: string }[]; usccWarning: boolean };
  const fields = data.suspects.slice(0, 5).map((s) => ({ label: `相似 #${s.customerId}`, value: `${s.name}（${s.reason}）` }));
  if (data.usccWarning) fields.push({ label: '信用代码', value: '校验位不符：请核对营业执照；确认无误可继续报备（审批人会看到提醒）' });
  return Promise.resolve({
    id: cardIdText(row.id),
    kind: 'confirm_registration',
    title: `请确认：${data.input.company}`,
    subtitle: data.suspects.length > 0 ? '发现疑似重复的客户，确认不是同一家公司后再报备' : '信用代码需要确认',
    tone: 'warning',
    fields,
    buttons: row.closed ? [] : [{ action: 'confirm', label: '确认报备', style: 'primary' }, { action: 'cancel', label: '取消', style: 'default' }],
    ...(row.closed ? { footer: '已处理' } : {}),
  });
}

function reminderButtons(regId: number): CardButton[] {
  return [
    { action: `followup:${regId}`, label: '跟进', style: 'primary', input: { prompt: '跟进内容', required: true } },
    { action: `extend:${regId}`, label: '延期申请', style: 'default', input: { prompt: '延期原因', required: true } },
    { action: `view:${regId}`, label: '查看', style: 'default' },
  ];
}

/** One or several reminders for one person; each item carries its own buttons. */
async function remindersCard(row: CardRow, d: Domain): Promise<Card> {
  const items = (row.data as { items: ReminderItem[] }).items;
  const now = d.deps.clock.now();
  const sections: CardSection[] = [];
  for (const it of items) {
    const view = await reminderItem(d, it, now);
    const reg = view.registrationId !== undefined ? await d.records.registration(view.registrationId) : undefined;
    if (reg) disclose({ kind: 'customer', customerId: reg.customerId });
    sections.push({ title: view.title, fields: view.fields, buttons: view.registrationId ? reminderButtons(view.registrationId) : [] });
  }
  const high = items.some((i) => i.priority === 'high');
  if (sections.length === 1) {
    const s = sections[0]!;
    return { id: cardIdText(row.id), kind: 'reminder', title: s.title, tone: high ? 'danger' : 'warning', fields: s.fields, buttons: s.buttons };
  }
  return {
    id: cardIdText(row.id),
    kind: 'digest',
    title: `你有 ${sections.length} 条待办提醒`,
    tone: high ? 'danger' : 'warning',
    fields: [],
    sections,
    buttons: [],
  };
}

export const CARD_RENDERERS: Record<string, CardRenderer> = {
  approval: approvalCard,
  blocked: blockedCard,
  confirm_registration: confirmCard,
  reminders: remindersCard,
};

export async function renderCard(row: CardRow, domain: Domain): Promise<Card> {
  const r = CARD_RENDERERS[row.kind];
  if (!r) throw new Error(`no renderer for card kind ${row.kind}`);
  return await r(row, domain);
}
