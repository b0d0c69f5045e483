import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { approvalAssignees, outbox, registrations, staff } from '../../../db/schema';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import type { IncomingMessage } from '../../../src/platforms/types';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';

const HEADERS = ['账号ID', '姓名', '角色', '上级', '团队', '区域', '状态'];

/** The admin sends a 人员 sheet to the bot in a private chat, as from a phone. */
async function uploadStaff(h: ConsoleHarness, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const msg: IncomingMessage = {
    platform: 'console',
    messageId: `org-${rows.map((r) => r.join()).join()}`,
    senderPlatformId: 'admin',
    chat: { platform: 'console', chatId: 'admin', kind: 'private' },
    text: '',
    mentions: [],
    file: { name: '组织.xlsx', size: bytes.length, download: async () => bytes },
  };
  const res = await h.app.bot.onMessage(msg);
  return res.replies.map((r) => r.text).join('\n');
}

/** Pending and protected registrations owned by someone inactive: must always be none. */
function orphaned(h: ConsoleHarness): number[] {
  return h.db
    .select({ id: registrations.id })
    .from(registrations)
    .innerJoin(staff, eq(staff.id, registrations.ownerId))
    .where(and(eq(staff.active, false), inArray(registrations.status, ['pending', 'protected', 'won'])))
    .all()
    .map((r) => r.id);
}

describe('someone marked 离职 in the org import', () => {
  it('hands their pending and protected customers to their manager, with a notice', async () => {
    const h = await startConsole();
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n:in 私聊\n/通过 c1');
    await h.run('/报备 宁波海曙星辰贸易有限公司 李四 13900001111\n/成交 杭州云启 8万');
    const reply = await uploadStaff(h, [['alice', '李雷', '销售', 'carol', '华东', '华东', '离职']]);
    expect(reply).toContain('人员导入「组织.xlsx」');
    expect(orphaned(h)).toEqual([]);
    const owners = h.db.select().from(registrations).all().map((r) => `${r.status} ${r.ownerId}`).sort();
    expect(owners).toEqual(['pending carol', 'won carol']);
    const out = await h.run(':advance 1m');
    expect(out).toContain('[2026-11-25 10:01 私聊 陈经理] dealguard:\n  🔁 李雷 已在组织架构中标记为离职，TA 的客户：2 个转给 陈经理。接收人发送 /我的 可查看。');
    expect(out).not.toContain('私聊 李雷');
    expect(await h.run(':as carol\n:in 私聊\n/我的')).toContain('宁波海曙星辰贸易有限公司');
    // 陈经理 now owns the pending registration she was asked to approve: its approval goes up to 王总.
    const pendingSteps = h.db.select().from(approvalAssignees).all().filter((a) => !a.decision);
    expect(pendingSteps.map((a) => a.staffId)).toEqual(['dave']);
    expect(await h.run(':as carol\n:in 私聊\n/审批')).toContain('目前没有等你审批的事项');
    // The same file again changes nothing and tells nobody.
    await uploadStaff(h, [['alice', '李雷', '销售', 'carol', '华东', '华东', '离职']]);
    expect(await h.run(':advance 1m')).not.toContain('离职');
    await h.close();
  });

  it('with departedCustomers = pool: releases them (the team group hears of it), tells the manager, and moves their approvals up', async () => {
    const h = await startConsole({ rules: { ...DEFAULT_RULES, org: { departedCustomers: 'pool' } } });
    // carol holds a customer of her own (approved by dave) and has alice's registration to approve.
    await h.run(':as carol\n/报备 温州鹿城电子有限公司 王五 13700001234\n:as dave\n:in 私聊\n/通过 c1');
    const asked = await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
    const card = /卡片 (c\d+) · 客户报备：杭州云启科技有限公司/.exec(asked)![1];
    await uploadStaff(h, [['carol', '陈经理', '经理', 'dave', '华东', '华东', '离职']]);
    expect(orphaned(h)).toEqual([]);
    const waitingOnCarol = h.db.select().from(approvalAssignees).where(and(eq(approvalAssignees.staffId, 'carol'))).all().filter((a) => !a.decision);
    expect(waitingOnCarol).toEqual([]);
    const out = await h.run(':advance 1m');
    expect(out).toContain('[2026-11-25 10:01 群 华东销售群] dealguard:\n  📤 「温州鹿城电子有限公司」已进入公海池，需要的同事可以发送 /认领 #1 认领（每人每天最多 3 个）。');
    expect(out).toContain('[2026-11-25 10:01 私聊 王总] dealguard:\n  🔁 陈经理 已在组织架构中标记为离职，TA 的客户：1 个放入公海。\n');
    expect(out).toContain('📝 陈经理 已离职，TA 待审批的报备转由你审批：客户报备：杭州云启科技有限公司');
    const fresh = /私聊 王总\] dealguard:\n {2}📝 陈经理 已离职[\s\S]*?卡片 (c\d+)/.exec(out)![1];
    expect(await h.run(`:as carol\n:in 私聊\n:click ${card} approve`)).toContain('你的账号已停用');
    const approved = await h.run(`:as dave\n:in 私聊\n:click ${fresh} approve`);
    expect(approved).toContain('✅ 已通过');
    // 陈经理's old copy of the card is not refreshed: nobody reads that chat any more.
    expect(out + approved).not.toContain('私聊 陈经理] 卡片');
    expect(await h.run(':as bob\n/认领 #1')).toContain('已认领「温州鹿城电子有限公司」');
    await h.close();
  });

  it('a notice still waiting for someone who has since left is not sent to them', async () => {
    const h = await startConsole({ now: '2026-11-25T22:00:00+08:00' });
    await h.run(':in 私聊\n/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n:in 私聊\n/通过 c1');
    // The decision for 李雷 waits for the morning (quiet hours); that night 李雷 is marked 离职.
    await uploadStaff(h, [['alice', '李雷', '销售', 'carol', '华东', '华东', '离职']]);
    const morning = await h.run(':advance 11h');
    expect(morning).not.toContain('私聊 李雷');
    const toAlice = h.db.select().from(outbox).all().filter((r) => r.recipientType === 'staff' && r.recipientId === 'alice');
    expect(toAlice.length).toBeGreaterThan(0);
    expect(toAlice.every((r) => r.status === 'cancelled' && r.lastError === '收件人已停用（离职），不再发送')).toBe(true);
    await h.close();
  });
});
