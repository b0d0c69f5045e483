import { z } from 'zod';
import { defineCommand } from './command';
import { lines } from '../render/format';
import { authorizationServices } from '../../domain/authorization/services';
import { authorizationScope } from '../../domain/authorization/scope';
import { yearArg } from './authorization-args';
import { disclose } from '../render/disclosures';

const pct = (n: number, of: number) => (of === 0 ? '' : `（${Math.round((n / of) * 100)}%）`);

export const renewalStatsCommand = defineCommand({
  name: '续约统计',
  aliases: ['xytj', 'renewalstats', 'funnel'],
  group: '代理授权',
  summary: '我负责范围内的续约漏斗：应续约 → 已启动 → 已报价 → 已签约 → 已回款，以及流失原因',
  usage: '/续约统计 [年份]',
  examples: ['/续约统计', '/续约统计 2027'],
  notes: ['写年份时只统计该年到期的授权。每份续约按它到过的最远阶段计入（报价后流失也算已报价）。', '已签约 = 到达「合同」阶段。'],
  args: [{ name: 'year', keys: ['年份', '年', 'year'] }],
  schema: z.object({ year: yearArg.optional() }),
  roles: ['sales', 'manager', 'director', 'admin'],
  async run(ctx, a) {
    const d = ctx.domain;
    const scope = await authorizationScope(d.dir, ctx.actor);
    const f = await authorizationServices(d).queries.funnel(scope, a.year);
    disclose({ kind: 'internal' });
    const whose = scope.kind === 'all' ? '全部' : ctx.actor.role === 'manager' ? '你团队负责的' : '你负责的';
    const when = a.year ? `${a.year} 年到期的` : '';
    if (f.due === 0) return { text: `${whose}${when}代理授权还没有续约任务（到期前 ${d.deps.rules.authorization.renewalOpensDaysBefore} 天自动开启）。` };
    const lost = f.lost.reduce((n, x) => n + x.count, 0);
    return {
      text: lines(
        `📊 续约漏斗（${whose}${when}代理授权）：`,
        `应续约 ${f.due}`,
        `→ 已启动 ${f.started}${pct(f.started, f.due)}`,
        `→ 已报价 ${f.quoted}${pct(f.quoted, f.due)}`,
        `→ 已签约 ${f.signed}${pct(f.signed, f.due)}`,
        `→ 已回款 ${f.paid}${pct(f.paid, f.due)}`,
        lost > 0 ? `流失 ${lost}：${f.lost.map((x) => `${x.reason} ${x.count}`).join('、')}` : '流失 0',
        `进行中 ${f.due - f.paid - lost}`,
      ),
    };
  },
});
