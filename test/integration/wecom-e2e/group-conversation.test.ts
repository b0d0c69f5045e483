// Typing in a WeCom group, end to end: real SDK ↔ fake long-connection server, real app and SQLite.
import { and, eq } from 'drizzle-orm';
import { auditLog, cardDeliveries, chatGroups, customers, inboundEvents, outbox, registrations } from '../../../db/schema';
import type { ClientFrame } from '../../fakes/wecom/aibot-server';
import { CHAT, WECOM_USER, WecomApp, chatOf, eventually, settle, snapshot, textOf } from '../../support/wecom-app';

describe('WeCom group conversation through the whole app', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start();
  });
  afterAll(() => h?.close());

  const replies = (reqId: string) => h.server.received.filter((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === reqId);
  const replyTo = (reqId: string): Promise<ClientFrame> => h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === reqId);
  const customer = (name: string) => h.db.select().from(customers).where(eq(customers.name, name)).get();

  it('answers a registration typed in a group in that group', async () => {
    const req = h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678', { chat: CHAT.east });
    const reply = await replyTo(req);
    expect(textOf(reply)).toBe('✅ 已提交报备「杭州云启科技有限公司」（编号 #1），等待 陈经理 审批。\n审批通过后获得 30 天保护期；审批期间其他人无法报备该客户。');
    // Bound to the message's req_id: WeCom posts it in the group the message came from.
    expect(chatOf(reply)).toBeUndefined();
    expect(customer('杭州云启科技有限公司')).toMatchObject({ status: 'pending' });
    const reg = h.db.select().from(registrations).where(eq(registrations.customerId, customer('杭州云启科技有限公司')!.id)).get();
    expect(reg).toMatchObject({ ownerId: 'alice', status: 'pending' });
  });

  it('tells a colleague in the group who holds the customer, without the contact details', async () => {
    const req = h.say('bob', '/报备 云启科技（杭州）有限公司 李四 13900001111', { chat: CHAT.east });
    await replyTo(req);
    await h.server.waitFor((f) => f.headers.req_id === req && (f.body as { msgtype?: string }).msgtype === 'template_card');
    const text = replies(req).map(textOf).join('\n');
    expect(text).toContain('⛔ 「杭州云启科技有限公司」已被 李雷 报备，不能重复报备。');
    expect(text).not.toMatch(/138|5678|张伟/);
    expect(h.db.select().from(registrations).all()).toHaveLength(1);
    // The blocked-notice card shown in the group is remembered, so that it can be refreshed later.
    await eventually(() => h.db.select().from(cardDeliveries).all().some((d) => d.targetKind === 'chat' && d.targetId === CHAT.east), 3000, 'group card delivery');
  });

  it("answers the manager's /审批 in a group holding a dealer's person with one line, and sends the cards privately", async () => {
    const req = h.say('carol', '/审批', { chat: CHAT.east });
    const reply = await replyTo(req);
    expect(textOf(reply)).toContain('详情已私信你');
    expect(textOf(reply)).not.toMatch(/张伟|138/);
    expect(replies(req).some((f) => (f.body as { msgtype?: string }).msgtype === 'template_card')).toBe(false);
    const card = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === WECOM_USER.carol && (f.body as { msgtype?: string }).msgtype === 'template_card');
    expect(textOf(card)).toContain('杭州云启科技有限公司');
    await eventually(() => h.db.select().from(outbox).all().every((r) => r.status === 'sent'), 3000, 'outbox delivered');
    await settle();
  });

  it('answers an unknown WeCom user politely, and nothing else happens', async () => {
    const before = snapshot(h.db);
    const pushes = h.server.frames('aibot_send_msg').length;
    const req = h.say('Stranger9', '/报备 宁波海曙星辰贸易有限公司 王五 13700001111', { chat: CHAT.east, msgid: 'stranger-msg-1' });
    expect(textOf(await replyTo(req))).toBe('你好！我还不认识你，暂时不能为你办理。请联系 管理员 把你的账号加入组织架构，之后就可以使用了。');
    await settle();

    const after = snapshot(h.db);
    for (const table of Object.keys(before).filter((t) => t !== 'inbound_events' && t !== 'chat_groups')) {
      expect([table, after[table]]).toEqual([table, before[table]]);
    }
    // Only remembered, so that a redelivery is not answered twice.
    expect(h.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, 'stranger-msg-1')).all()).toHaveLength(1);
    expect(h.server.frames('aibot_send_msg')).toHaveLength(pushes);
    expect(customer('宁波海曙星辰贸易有限公司')).toBeUndefined();
  });

  it('binds the group to a team with /绑定群 typed in it, by an admin only', async () => {
    const refused = h.say('alice', '/绑定群 华东', { chat: CHAT.east });
    expect(textOf(await replyTo(refused))).toContain('可以使用 /绑定群');
    const group = () => h.db.select().from(chatGroups).where(and(eq(chatGroups.platform, 'wecom'), eq(chatGroups.chatId, CHAT.east))).get();
    expect(group()?.teamId).toBeNull();

    const req = h.say('admin', '/绑定群 华东', { chat: CHAT.east });
    expect(textOf(await replyTo(req))).toBe('🔗 已把本群（华东销售群）绑定到团队「华东」，该团队的提醒会发到这里。');
    expect(group()?.teamId).toBe('华东');
    const audit = h.db.select().from(auditLog).where(eq(auditLog.action, 'group.bind')).all();
    expect(audit).toMatchObject([{ actorId: 'admin', outcome: 'ok', subjectType: 'chat_group', subjectId: String(group()?.id) }]);
  });

  it('processes a duplicated frame (same msgid) once, also when redelivered after a restart', async () => {
    const company = '绍兴越城鼎盛机械有限公司';
    const line = `/报备 ${company} 赵六 13600001111`;
    const first = h.say('bob', line, { chat: CHAT.east, msgid: 'dup-0001' });
    const second = h.say('bob', line, { chat: CHAT.east, msgid: 'dup-0001' });
    expect(textOf(await replyTo(first))).toContain(`已提交报备「${company}」`);

    // A new process has no memory of the frames: only the database can tell it was handled.
    await h.restart();
    const third = h.say('bob', line, { chat: CHAT.east, msgid: 'dup-0001' });
    // Asked privately: in the group a dealer's person reads along, so /我的 would answer there with a pointer only.
    const sentinel = h.say('bob', '/我的');
    expect(textOf(await replyTo(sentinel))).toContain(company);
    await settle(200);

    expect([...replies(second), ...replies(third)]).toEqual([]);
    const c = customer(company)!;
    expect(h.db.select().from(registrations).where(eq(registrations.customerId, c.id)).all()).toHaveLength(1);
    expect(h.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, 'dup-0001')).all()).toHaveLength(1);
    const requests = h.db.select().from(outbox).all().filter((r) => r.payload.template === 'approval.request' && r.recipientId === 'carol');
    expect(requests).toHaveLength(2);
  });
});
