import { z } from 'zod';
import { defineCommand } from './command';
import { landline, mobile, uscc } from './arg-schemas';
import { LookupQuota } from '../../domain/registration/lookup-quota';

import { CUSTOMER_STATUS_ZH, lines } from '../render/format';

export const checkCommand = defineCommand({
  name: '查重',
  aliases: ['cc', 'check', 'dedup', 'chachong'],
  group: '客户报备',
  summary: '只查重、不报备：看看客户是否已被报备',
  usage: '/查重 <公司名称> [手机=…] [信用代码=…] [座机=…]',
  examples: ['/查重 杭州云启科技有限公司', '/查重 云启科技 手机=13812345678', '/查重 云启科技 座机=0571-88886666'],
  notes: ['按 手机 / 信用代码 / 座机 查重会被记录，且每人每小时、每天有次数上限（发送 /规则 查看）；只按公司名称查重不限次数。'],
  args: [
    { name: 'company', keys: ['公司', '公司全称', '客户', '名称', 'name'], rest: true },
    { name: 'mobile', keys: ['手机', '手机号', '电话', 'phone'], positional: false, phone: true },
    { name: 'uscc', keys: ['信用代码', '统一社会信用代码', '代码', 'code'], positional: false },
    { name: 'landline', keys: ['座机', '固话', 'landline'], positional: false, phone: true },
  ],
  schema: z.object({ company: z.string({ message: '缺少公司名称' }).trim().min(2, '公司名称至少 2 个字').max(80, '公司名称太长'), mobile: mobile.optional(), uscc: uscc.optional(), landline: landline.optional() }),
  async run(ctx, a) {
    const d = ctx.domain;
    const t = d.deps.time;
    const identifiers = { mobile: a.mobile ?? null, uscc: a.uscc?.code ?? null, landline: a.landline ?? null };
    const quota = new LookupQuota(d.deps, d.dir);
    await quota.admit(ctx.actor, identifiers);
    const res = await d.finder.check({ name: a.company, ...identifiers });
    await quota.record(ctx.actor, identifiers, { tier: res.tier, customerIds: res.matches.slice(0, 5).map((m) => m.customer.id) });
    if (res.tier === 'none') {
      return { text: `✅ 未发现重复：「${a.company}」没有被报备过，可以发送 /报备 ${a.company} <联系人> <手机> 报备。` };
    }
    const rows: string[] = [];
    for (const m of res.matches.slice(0, 5)) {
      const reg = await d.records.activeRegistrationOf(m.customer.id);
      const owner = reg ? (await d.dir.get(reg.ownerId))?.name ?? reg.ownerId : undefined;
      const state = reg
        ? `${owner} ${reg.status === 'won' ? '已成交' : reg.protectedUntil ? `保护期至 ${t.date(reg.protectedUntil)}` : '审批中'}`
        : CUSTOMER_STATUS_ZH[m.customer.status];
      rows.push(`${m.tier === 'duplicate' ? '⛔ 重复' : '⚠️ 疑似'} ${m.customer.name}（${state}）— ${m.reasons.join('；')}`);
    }
    let blocked = false;
    for (const m of res.matches) {
      if (m.tier === 'duplicate' && (await d.records.activeRegistrationOf(m.customer.id))) {
        blocked = true;
        break;
      }
    }
    return {
      text: lines(
        `查重结果「${a.company}」：`,
        ...rows,
        blocked ? '重复的客户不能再报备。' : res.tier === 'suspect' ? '疑似重复：确认不是同一家公司后可以报备（需确认）。' : '',
      ),
    };
  },
});
