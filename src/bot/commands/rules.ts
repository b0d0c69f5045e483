import { z } from 'zod';
import { defineCommand } from './command';
import { ROLE_ZH, lines } from '../render/format';


export const rulesCommand = defineCommand({
  name: '规则',
  aliases: ['gz', 'rules', 'guize'],
  group: '其他',
  summary: '查看当前生效的业务规则（保护期、延期、公海、审批时限）',
  usage: '/规则',
  examples: ['/规则'],
  args: [],
  schema: z.object({}),
  async run(ctx) {
    const r = ctx.domain.deps.rules;
    const q = r.schedule.quietHours;
    return {
      text: lines(
        '📋 当前规则：',
        `· 保护期：审批通过起 ${r.registration.protectionDays} 天；到期前 ${r.registration.reminderDaysBefore.join('、')} 天提醒；${r.registration.noFollowUpDays} 天未跟进提醒`,
        `· 重点客户：预算 ≥ ${r.registration.keyAccountBudgetWan} 万元或标记重点，经理审批后总监审批`,
        `· 延期：每次 +${r.extension.days} 天，最多 ${r.extension.maxPerRegistration} 次，只能在最后 ${r.extension.windowDays} 天申请${r.extension.requireFollowUp ? '，需有跟进记录' : ''}`,
        `· 查重：按手机/信用代码/座机查重每人每小时最多 ${r.dedup.lookupsPerHour} 次、每天 ${r.dedup.lookupsPerDay} 次（${r.dedup.unlimitedRoles.map((x) => ROLE_ZH[x]).join('、') || '无人'}不限），每次都有记录`,
        `· 公海：认领后保护 ${r.pool.claimProtectionDays} 天；每人每天最多认领 ${r.pool.maxClaimsPerDay} 个；原负责人 ${r.pool.previousOwnerCooldownDays} 天内不能认领`,
        `· 审批：${r.approval.remindAfterHours} 小时未处理提醒审批人，${r.approval.escalateAfterHours} 小时升级给其上级`,
        `· 离职：组织架构导入标记离职的人，名下客户${r.org.departedCustomers === 'pool' ? '放入公海池' : '转给其经理'}，双方都会收到通知`,
        `· 代理授权：到期前 ${r.authorization.renewalOpensDaysBefore} 天开启续约任务；${r.authorization.milestones.map((m) => `${m.daysBefore} 天`).join('、')} 按续约阶段提醒；流失原因：${r.authorization.lossReasons.join('、')}`,
        `· 推送：每天 ${cronTime(r.schedule.dailySweep)} 检查提醒${q ? `；${q.start}–${q.end} 免打扰，推送顺延到早上` : ''}`,
      ),
    };
  },
});

/** "0 9 * * *" → "09:00"; anything fancier is shown as written. */
function cronTime(expr: string): string {
  const [m, h] = expr.trim().split(/\s+/);
  return m && h && /^\d+$/.test(m) && /^\d+$/.test(h) ? `${h.padStart(2, '0')}:${m.padStart(2, '0')}` : expr;
}
