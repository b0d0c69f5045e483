import { z } from 'zod';
import { defineCommand } from './command';
import { lines } from '../render/format';
import { authorizationServices } from '../../domain/authorization/services';
import { authorizationScope } from '../../domain/authorization/scope';
import { STAGE_ZH } from '../../domain/authorization/stages';
import { endsText, personName } from '../render/authorization-format';
import { daysArg } from './authorization-args';
import { disclose } from '../render/disclosures';

const SHOWN = 30;

export const expiringCommand = defineCommand({
  name: '到期',
  aliases: ['dq', 'expiring', 'daoqi'],
  group: '代理授权',
  summary: '我负责范围内 N 天内到期（及已过期未续约）的代理授权，最近到期的在前',
  usage: '/到期 [天数]',
  examples: ['/到期', '/到期 30'],
  notes: ['不写天数时按续约任务的开启时间（默认 90 天）。', '销售看自己负责的，经理看团队的，总监和管理员看全部，代理商看本公司的。'],
  args: [{ name: 'days', keys: ['天数', 'days'] }],
  schema: z.object({ days: daysArg('天数', 3650).optional() }),
  async run(ctx, a) {
    const d = ctx.domain;
    const days = a.days ?? d.deps.rules.authorization.renewalOpensDaysBefore;
    const { total, items } = await authorizationServices(d).queries.expiring(await authorizationScope(d.dir, ctx.actor), days, SHOWN);
    if (total === 0) return { text: `✅ 你可查看的范围内没有 ${days} 天内到期的代理授权。` };
    const rows: string[] = [];
    for (const { authorization: x, period: p, task } of items) {
      disclose({ kind: 'authorization', authorizationId: x.id });
      const stage = task ? STAGE_ZH[task.stage] : '未开启';
      rows.push(`· ${x.contractNo} ${x.dealerId} · ${p.endsOn}（${endsText(d, p)}）· 续约：${stage} · 负责人 ${await personName(d, x.ownerId)}`);
    }
    return {
      text: lines(
        `📅 ${days} 天内到期的代理授权共 ${total} 份${total > items.length ? `（显示最近的 ${items.length} 份）` : ''}：`,
        ...rows,
        '查看详情：/授权 <合同编号>；推进续约：/续约 <合同编号> <阶段>',
      ),
    };
  },
});
