import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';

/** 20 different mobiles, none of them registered. */
const numbers = (from: number, n: number) => Array.from({ length: n }, (_, i) => `139${String(from + i).padStart(8, '0')}`);

describe('/查重 手机=…: useful to anyone, rate-limited per person and audited', () => {
  let h: ConsoleHarness;
  afterEach(async () => {
    await h.close();
  });

  const lookups = (actor: string) =>
    h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dedup.lookup'), eq(auditLog.actorId, actor)))
      .all();

  it('tells a salesperson and a dealer who holds a number and until when', async () => {
    h = await startConsole();
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
    const frank = await h.run(':as frank\n:in 华北销售群\n/查重 宁波海晨贸易有限公司 手机=138-1234-5678');
    expect(frank).toContain('⛔ 重复 杭州云启科技有限公司（李雷 保护期至 2026-12-25）— 手机号已被报备');
    expect(frank).toContain('重复的客户不能再报备。');
    expect(frank).not.toContain('张伟');
    const pat = await h.run(':as pat\n:in 私聊\n/查重 宁波海晨贸易有限公司 手机=+8613812345678');
    expect(pat).toContain('⛔ 重复 杭州云启科技有限公司（李雷 保护期至 2026-12-25）');
  });

  it('refuses the look-up past the hourly limit, says when it resets and whom to ask, and resets after an hour', async () => {
    h = await startConsole();
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
    const script = numbers(0, 20).map((m) => `/查重 宁波海晨贸易有限公司 手机=${m}`).join('\n');
    const first20 = await h.run(`:as bob\n:in 私聊\n${script}`);
    expect(first20.match(/✅ 未发现重复/g)).toHaveLength(20);
    await h.run(':advance 10m');
    const refused = await h.run(':as bob\n:in 私聊\n/查重 宁波海晨贸易有限公司 手机=13812345678');
    expect(refused).toContain('⚠️ 按手机号查重太频繁：你在 1 小时内已查 20 次，上限为每小时 20 次、每天 100 次。11-25 11:00 后可以再查；只按公司名称查重不受限制。');
    expect(refused).toContain('👉 需要批量查重，请联系 陈经理 或 管理员');
    expect(refused.split('dealguard:')[1]).not.toContain('李雷');
    // A name-only check is not limited.
    expect(await h.run(':as bob\n:in 私聊\n/查重 杭州云启科技有限公司')).toContain('⛔ 重复 杭州云启科技有限公司（李雷 审批中）');
    // Someone else has their own allowance; a manager has none.
    expect(await h.run(':as frank\n:in 私聊\n/查重 宁波海晨贸易有限公司 手机=13812345678')).toContain('手机号已被报备');
    await h.run(`:as carol\n:in 私聊\n${script}`);
    expect(await h.run(':as carol\n:in 私聊\n/查重 宁波海晨贸易有限公司 手机=13812345678')).toContain('手机号已被报备');

    const rows = lookups('bob');
    expect(rows.filter((r) => r.outcome === 'ok')).toHaveLength(20);
    expect(rows.filter((r) => r.outcome === 'refused')).toHaveLength(1);
    expect(rows[0]!.after).toEqual({ kinds: ['mobile'], mobile: '139****0000', tier: 'none', customerIds: [] });
    const everything = JSON.stringify(h.db.select().from(auditLog).all());
    for (const m of [...numbers(0, 20), '13812345678']) expect(everything).not.toContain(m);

    const later = await h.run(':advance 50m\n:as bob\n:in 私聊\n/查重 宁波海晨贸易有限公司 手机=13812345678');
    expect(later).toContain('⛔ 重复 杭州云启科技有限公司（李雷 审批中）— 手机号已被报备');
    expect(lookups('bob').filter((r) => r.outcome === 'ok').at(-1)!.after).toMatchObject({ mobile: '138****5678', tier: 'duplicate' });
  });

  it('counts /修改 to a new number as a look-up: a number list cannot be walked that way either', async () => {
    h = await startConsole();
    // 20 customers of 李雷 hold 20 numbers; 韩梅梅 tries to change her own customer's mobile to each of them.
    const held = numbers(100, 20);
    const cores = ['青松', '白鹭', '金桥', '远航', '明月', '春雨', '长城', '碧波', '朝阳', '红枫', '银杏', '山海', '星火', '晨曦', '翠竹', '骏马', '雪莲', '凌云', '丰泽', '锦程'];
    const reg = await h.run(held.map((m, i) => `/报备 杭州${cores[i]}科技有限公司 张伟 ${m}`).join('\n'));
    expect(reg.match(/已提交报备/g)).toHaveLength(20);
    await h.run(':as bob\n:in 私聊\n/报备 宁波韩氏贸易有限公司 王五 13700001111');
    const tries = await h.run(`:as bob\n:in 私聊\n${held.map((m) => `/修改 宁波韩氏 手机=${m}`).join('\n')}`);
    expect(tries.match(/这个手机号已被 李雷 报备/g)).toHaveLength(20);
    const next = await h.run(':as bob\n:in 私聊\n/修改 宁波韩氏 手机=13600009999');
    expect(next).toContain('按手机号查重太频繁');
    expect(next).not.toContain('已修改');
    expect(lookups('bob').filter((r) => r.outcome === 'refused' && !(r.detail ?? '').startsWith('lookup_limit'))).toHaveLength(20);
  });

  it('limits a day too, counting 信用代码 and 座机 look-ups, and is configurable', async () => {
    h = await startConsole({ rules: { ...DEFAULT_RULES, dedup: { lookupsPerHour: 2, lookupsPerDay: 3, unlimitedRoles: [] } } });
    const day = await h.run(
      [':as pat', ':in 私聊', '/查重 宁波海晨贸易有限公司 座机=0571-88886666', '/查重 宁波海晨贸易有限公司 信用代码=91330106MA2B3C4D5E', ':advance 2h', '/查重 宁波海晨贸易有限公司 手机=13900000001', ':advance 2h', '/查重 宁波海晨贸易有限公司 手机=13900000002'].join('\n'),
    );
    expect(day).toContain('⚠️ 按手机号查重太频繁：你在 24 小时内已查 3 次，上限为每小时 2 次、每天 3 次。11-26 10:00 后可以再查');
    expect(day).toContain('👉 需要批量查重，请联系 陈经理 或 管理员');
    const after = lookups('pat').map((r) => r.after);
    expect(after[0]).toMatchObject({ kinds: ['landline'], landline: '0571****6666' });
    expect(after[1]).toMatchObject({ kinds: ['uscc'], uscc: '9133****4D5E' });
    const resets = await h.run(':advance 20h\n:as pat\n:in 私聊\n/查重 宁波海晨贸易有限公司 手机=13900000002');
    expect(resets).toContain('✅ 未发现重复');
  });
});
