import type { Domain } from '../../domain/domain';
import type { auditLog } from '../../../db/schema';
import { END_REASON_ZH, money } from './format';

type AuditRow = typeof auditLog.$inferSelect;

/** Every audit action the code writes, in words. */
export const ACTION_ZH: Readonly<Record<string, string>> = {
  'registration.create': '报备',
  'registration.approve': '报备通过',
  'registration.reject': '报备驳回',
  'registration.auto_approved': '报备生效（无需审批）',
  'registration.release': '释放到公海',
  'approval.start': '提交审批',
  'approval.approved': '审批通过',
  'approval.rejected': '审批驳回',
  'approval.escalate': '审批超时，升级处理',
  'approval.cancel': '审批撤销',
  'followup.create': '跟进',
  'extension.request': '申请延期',
  'extension.approve': '延期生效',
  'pool.claim': '从公海认领',
  'order.create': '登记成交',
  'handover.move': '转交',
  'handover.withdraw': '转交时撤回报备',
  'registration.amend': '修改联系人信息',
  'registration.withdraw': '撤回报备',
  'approval.reassign': '审批转给他人',
  'dispute.request': '申诉',
  'collaboration.request': '申请协作',
  'dispute.approve': '申诉改判',
  'collaboration.approve': '同意协作',
  'customer.import': '导入历史客户',
  'blocked.dispute': '申诉',
  'blocked.collaborate': '申请协作',
  'confirm.confirm': '确认报备疑似重复的客户',
  'confirm.cancel': '取消报备',
  'group.bind': '绑定群',
  'staff.create': '新增人员',
  'staff.update': '更新人员信息',
  'import.upload': '上传导入文件',
  'authorization.create': '新增代理授权',
  'authorization.update': '修改代理授权',
  'authorization.renew': '进入新授权期',
  'authorization.expire': '代理授权到期',
  'renewal.open': '开启续约任务',
  'renewal.stage': '推进续约',
};

/** What the subject of an action is, for actions written after this table. */
const SUBJECT_ZH: Readonly<Record<string, string>> = {
  registration: '报备', approval: '审批', followup: '跟进', extension: '延期', pool: '公海', order: '成交', handover: '转交',
  dispute: '申诉', collaboration: '协作', customer: '客户', authorization: '代理授权', renewal: '续约', group: '群', staff: '人员', import: '导入',
};

const BUTTON_ZH: Readonly<Record<string, string>> = { approve: '通过', reject: '驳回', dispute: '申诉', collaborate: '申请协作', confirm: '确认报备', cancel: '取消' };

/** The action in words; one written after these tables still reads as words, never as its code. */
export function actionText(action: string): string {
  const known = ACTION_ZH[action];
  if (known) return known;
  const [head = '', ...tail] = action.split('.');
  if (head === 'command' && tail.length > 0) return `使用 /${tail.join('.')}`;
  if (head === 'card') return `点击卡片按钮「${BUTTON_ZH[tail[tail.length - 1] ?? ''] ?? '操作'}」`;
  const subject = SUBJECT_ZH[head];
  return subject ? `${subject}相关操作` : '其他操作';
}

/** Why a command was refused, by the code its DomainError carries. */
export const REFUSAL_ZH: Readonly<Record<string, string>> = {
  forbidden: '没有权限',
  unknown_action: '没有这个按钮',
  no_approver: '找不到审批人',
  reason_required: '需要写原因',
  not_yours: '只有本人可以操作',
  gone: '已不存在',
  bad_dates: '日期不对',
  ambiguous: '匹配到多个客户',
  already_done: '已经处理过',
  already_yours: '已是本人报备的客户',
  unknown_team: '没有这个团队',
  unknown_person: '找不到这个人',
  unknown_contract: '没有这个合同',
  stage_back: '续约阶段不能后退',
  same_stage: '续约阶段没有变化',
  same_person: '转出人和接收人相同',
  renewal_closed: '续约任务已关闭',
  region_unknown: '看不出所在地区',
  own_customer: '是自己的客户',
  outside_region: '不在授权区域内',
  not_yours_anymore: '客户已不在名下',
  not_protected: '客户不在保护期内',
  not_in_pool: '客户不在公海池',
  not_group: '需要在群里操作',
  not_found: '没有找到客户',
  not_approver: '不是审批人',
  not_approved: '尚未通过审批',
  not_approval: '不是审批卡片',
  loss_reason: '流失原因不对',
  inactive: '账号已停用',
  followup_required: '没有跟进记录',
  extension_pending: '已有延期申请在审批中',
  extension_limit: '延期次数已用完',
  dispute_pending: '已有申诉在处理中',
  collab_pending: '已有协作申请在处理中',
  claim_limit: '今日认领次数已用完',
  cooldown: '原负责人冷却期内不能认领',
  card_not_found: '卡片不存在',
  authorization_lapsed: '代理授权已到期',
  approval_not_found: '审批不存在',
  ambiguous_person: '有重名的人',
  already_voted: '已经审批过',
  already_renewed: '已经续约',
  already_decided: '审批已有结果',
  in_pool: '客户在公海池中',
  not_held: '客户无人报备',
  no_change: '没有改动',
  not_pending: '报备已不在审批中',
  mobile_taken: '手机号已属于其他客户',
  not_owner: '不是负责人',
  already_won: '客户已成交',
};

const STATUS_ZH: Readonly<Record<string, string>> = {
  pending: '待审批',
  protected: '保护中',
  won: '已成交',
  rejected: '已驳回',
  released: '已释放',
  cancelled: '已撤销',
  approved: '已通过',
  free: '未报备',
  pool: '公海池',
};

const APPROVAL_KIND_ZH: Readonly<Record<string, string>> = { registration: '客户报备', extension: '延期', dispute: '申诉', collaboration: '协作' };
const MODE_ZH: Readonly<Record<string, string>> = { any: '或签', all: '会签' };
const STAGE_ZH: Readonly<Record<string, string>> = { not_started: '待启动' };

/** A value rendered for a reader; undefined leaves the field out (nothing worth saying). Awaited: people are looked up. */
type Render = (v: unknown, d: Domain) => string | undefined | Promise<string | undefined>;

const CODE = /^[a-z][a-z0-9_]*$/;
const plain = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));
const text: Render = (v) => plain(v);
/** A code from `table` in words; an unknown code is left out rather than shown raw. */
const coded = (table: Readonly<Record<string, string>>): Render => (v) => {
  const s = plain(v);
  if (s === undefined) return undefined;
  return table[s] ?? (CODE.test(s) ? undefined : s);
};
const person: Render = (v, d) => (typeof v === 'string' && v !== '' ? personName(d, v) : undefined);
const ID = /[A-Za-z][\w.-]*/g;
/** Ids inside a text ("carol+dave → erin", "carol,dave"), each by name. */
const people = async (v: unknown, d: Domain): Promise<string | undefined> => {
  const s = plain(v);
  if (s === undefined) return undefined;
  const names = new Map<string, string>();
  for (const id of new Set(s.match(ID) ?? [])) names.set(id, (await d.dir.get(id)) ? await personName(d, id) : id);
  return s.replace(ID, (id) => names.get(id) ?? id).replace(/[+,]/g, '、');
};
/** ["any:carol", "all:carol+dave"] → "陈经理 → 陈经理、王总（会签）". */
const chain: Render = async (v, d) => {
  if (!Array.isArray(v)) return undefined;
  const steps: string[] = [];
  for (const step of v) {
    const [mode = '', who = ''] = String(step).split(':');
    const names = (await people(who, d)) ?? '';
    steps.push(names.includes('、') && MODE_ZH[mode] ? `${names}（${MODE_ZH[mode]}）` : names);
  }
  return steps.join(' → ');
};

/** Every audit field a reader may see, in the order shown; fields not listed (ids, flags, an approval's decision — its action says it) are left out. */
const FIELDS: Readonly<Record<string, { label: string; value: Render }>> = {
  kind: { label: '类型', value: coded(APPROVAL_KIND_ZH) },
  status: { label: '状态', value: coded(STATUS_ZH) },
  step: { label: '审批', value: (v) => (typeof v === 'number' ? `第 ${v + 1} 级` : undefined) },
  owner: { label: '负责人', value: person },
  attributedTo: { label: '业绩归属', value: person },
  collaborator: { label: '协作人', value: person },
  from: { label: '原审批人', value: people },
  to: { label: '升级给', value: person },
  approver: { label: '审批人', value: person },
  approvers: { label: '审批人', value: people },
  chain: { label: '审批流程', value: chain },
  protectedUntil: { label: '保护期至', value: text },
  extensionsUsed: { label: '已延期', value: (v) => (typeof v === 'number' ? `${v} 次` : undefined) },
  keyAccount: { label: '重点客户', value: (v) => (v === true ? '是' : undefined) },
  contactName: { label: '联系人', value: text },
  mobile: { label: '手机', value: text },
  amount: { label: '金额', value: (v) => (typeof v === 'number' ? money(Math.round(v * 100)) : undefined) },
  reason: { label: '原因', value: coded(END_REASON_ZH) },
  content: { label: '内容', value: text },
  registeredAt: { label: '报备日期', value: text },
  team: { label: '团队', value: async (v, d) => (typeof v === 'string' ? (await d.dir.team(v))?.name : undefined) },
  stage: { label: '续约阶段', value: coded(STAGE_ZH) },
  contractNo: { label: '合同编号', value: text },
  dealer: { label: '代理商', value: text },
  period: { label: '授权期', value: (v) => plain(v)?.replace('~', ' 至 ') },
  periodEndsOn: { label: '到期日', value: text },
  endsOn: { label: '到期日', value: text },
  file: { label: '文件', value: text },
  rows: { label: '行数', value: text },
  errors: { label: '错误', value: text },
};

async function personName(d: Domain, id: string): Promise<string> {
  if (id === 'system') return '系统';
  return (await d.dir.get(id))?.name ?? id;
}

/** "状态：待审批 → 保护中，负责人：李雷 → 韩梅梅": what changed, field by field, in words. */
export async function changeText(d: Domain, before: Record<string, unknown> | null, after: Record<string, unknown> | null): Promise<string> {
  const b = before ?? {};
  const a = after ?? {};
  const parts: string[] = [];
  for (const [key, field] of Object.entries(FIELDS)) {
    const was = key in b ? await field.value(b[key], d) : undefined;
    const now = key in a ? await field.value(a[key], d) : undefined;
    if (was !== undefined && now !== undefined) parts.push(was === now ? `${field.label}：${now}` : `${field.label}：${was} → ${now}`);
    else if (now !== undefined) parts.push(`${field.label}：${now}`);
    // A status only before is an approval's, decided: the action (审批通过 / 驳回) says what became of it.
    else if (was !== undefined && key !== 'status') parts.push(`原${field.label}：${was}`);
  }
  return parts.join('，');
}

/** A refusal's detail ("claim_limit: 你今天已认领 3 个…") as its reason in words and the message shown. */
export function refusalText(detail: string | null): string {
  if (!detail) return '';
  const m = /^([a-z][a-z0-9_]*): ?([\s\S]*)$/.exec(detail);
  if (!m) return detail;
  const why = REFUSAL_ZH[m[1]!];
  return why ? `${why}（${m[2]}）` : m[2]!;
}

/** One line of /客户 history: when, who, what, before → after, in words; refusals marked. */
export async function historyLine(d: Domain, h: AuditRow): Promise<string> {
  const who = await personName(d, h.actorId);
  const what = actionText(h.action);
  if (h.outcome === 'refused') {
    const why = refusalText(h.detail);
    return `· ${d.deps.time.short(h.at)} ${who} 【被拒绝】${what}${why ? `：${why}` : ''}`;
  }
  const change = await changeText(d, h.before, h.after);
  return `· ${d.deps.time.short(h.at)} ${who} ${what}${change ? ` ${change}` : ''}${h.detail ? `（${h.detail}）` : ''}`;
}
