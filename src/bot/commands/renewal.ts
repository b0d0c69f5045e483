import { z } from 'zod';
import { defineCommand } from './command';
import type { CommandContext, Reply } from '../context';
import { authorizationServices } from '../../domain/authorization/services';
import { STAGE_CHOICES, STAGE_ZH } from '../../domain/authorization/stages';
import type { StageChange } from '../../domain/authorization/renewal-service';
import { contractNoArg, dateArg, stageArg } from './authorization-args';
import { disclose } from '../render/disclosures';

const schema = z.object({
  contract: contractNoArg,
  stage: stageArg,
  note: z.string().trim().max(200, '备注太长（最多 200 字）').optional(),
  startsOn: dateArg('新起始日期').optional(),
  endsOn: dateArg('新到期日期').optional(),
});

type RenewalArgs = z.infer<typeof schema>;

function toChange(a: RenewalArgs): StageChange {
  const c: StageChange = { contractNo: a.contract, stage: a.stage };
  let note = a.note?.trim() || undefined;
  if (a.stage === 'lost' && note) {
    // 流失 原因 [备注]: the first word is the reason.
    const [reason, ...rest] = note.split(/\s+/);
    c.lossReason = reason!;
    note = rest.join(' ') || undefined;
  }
  if (note) c.note = note;
  if (a.startsOn) c.startsOn = a.startsOn;
  if (a.endsOn) c.endsOn = a.endsOn;
  return c;
}

async function run(ctx: CommandContext, a: RenewalArgs): Promise<Reply> {
  if ((a.startsOn || a.endsOn) && a.stage !== 'paid') {
    return { text: `⚠️ 新起始/新到期 只在回款时填写，例如 /续约 ${a.contract} 回款 新到期=2028-12-31` };
  }
  const r = await authorizationServices(ctx.domain).renewals.change(ctx.actor, toChange(a));
  disclose({ kind: 'authorization', authorizationId: r.authorization.id });
  const name = `「${r.authorization.dealerId}」（${r.authorization.contractNo}）`;
  if (r.next) return { text: `✅ ${name}续约已回款，新授权期 ${r.next.startsOn} 至 ${r.next.endsOn}。续约任务已关闭。` };
  if (r.task.stage === 'lost') return { text: `📉 已记录${name}续约流失，原因：${r.task.lossReason}。到期后该代理商将不能报备新客户。` };
  return { text: `📈 ${name}续约：${STAGE_ZH[r.before]} → ${STAGE_ZH[r.task.stage]}${r.task.note && a.note ? `（${r.task.note}）` : ''}。` };
}

export const renewalCommand = defineCommand({
  name: '续约',
  aliases: ['xy', 'renew', 'renewal', 'xuyue'],
  group: '代理授权',
  summary: '推进续约任务的阶段；回款即开始新授权期，流失需写原因',
  usage: '/续约 <合同编号> <阶段> [备注] [新起始=日期] [新到期=日期]',
  examples: ['/续约 HT-2024-001 意向确认 代理商同意续约', '/续约 HT-2024-001 回款 新到期=2028-12-31', '/续约 HT-2024-001 流失 价格 对方要求降价 20%'],
  notes: [
    `阶段：${STAGE_CHOICES}，只能向前推进（可以跳过中间阶段）。`,
    '回款：新授权期默认从原到期日的次日开始，长度与本期相同；可用 新起始=、新到期= 指定。',
    '流失：备注的第一个词是原因，须为配置的原因之一（发送 /规则 查看）。',
    '负责人、其上级、渠道经理、总监和管理员可以推进。',
  ],
  args: [
    { name: 'contract', keys: ['合同', '合同编号', 'contract'] },
    { name: 'stage', keys: ['阶段', 'stage'] },
    { name: 'note', keys: ['备注', '原因', 'note'], rest: true },
    { name: 'startsOn', keys: ['新起始', '起始', '起始日期', 'start'], positional: false },
    { name: 'endsOn', keys: ['新到期', '到期', '到期日期', 'end'], positional: false },
  ],
  schema,
  roles: ['sales', 'manager', 'director', 'admin'],
  run,
});
