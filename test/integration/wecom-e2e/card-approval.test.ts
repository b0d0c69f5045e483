// The manager's approval card, end to end. WeCom lets a bot change a card only in the answer to a
// click on that very card (aibot_respond_update_msg, within 5 s); an application may change its own
// cards later with a response_code (update_template_card). Every other copy gets the new state as a
// new message.
import { and, eq } from 'drizzle-orm';
import { auditLog, cardDeliveries, cards, chatGroups, groupMembers, registrations } from '../../../db/schema';
import type { ClientFrame } from '../../fakes/wecom/aibot-server';
import { CHAT, WECOM_USER, WecomApp, chatOf, eventually, templateCardOf, textOf } from '../../support/wecom-app';

const isCard = (f: ClientFrame) => (f.body as { msgtype?: string } | undefined)?.msgtype === 'template_card';

/** Declares who is in a group: the bot shows a customer's details in a group only if every member may see them. */
function onlyMembers(h: WecomApp, chatId: string, staffIds: string[]): void {
  const group = h.db.select().from(chatGroups).where(and(eq(chatGroups.platform, 'wecom'), eq(chatGroups.chatId, chatId))).get()!;
  h.db.delete(groupMembers).where(eq(groupMembers.groupId, group.id)).run();
  for (const staffId of staffIds) h.db.insert(groupMembers).values({ groupId: group.id, staffId }).run();
}

describe('approval card over the long connection (WECOM_MODE=aibot)', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start();
  });
  afterAll(() => h?.close());

  it('approves on the manager’s click, refuses anyone else’s, and brings every copy up to date', async () => {
    const registered = h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678', { chat: CHAT.east });
    await h.server.waitFor((f) => f.headers.req_id === registered);
    const privateCopy = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === WECOM_USER.carol && isCard(f));

    // carol asks for her approvals in a group where everyone may read alice's customer (alice and
    // her manager): the same card now shows there as well.
    onlyMembers(h, CHAT.east, ['alice', 'carol']);
    const listed = h.say('carol', '/审批', { chat: CHAT.east });
    const groupCopy = await h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === listed && isCard(f));
    await eventually(() => h.db.select().from(cardDeliveries).all().length === 2, 3000, 'two card copies recorded');

    // bob clicks the group copy: refused, recorded, nothing decided.
    h.click('bob', groupCopy, 'approve', { chat: CHAT.east });
    const refusal = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === CHAT.east && textOf(f).includes('⚠️'));
    expect(textOf(refusal)).toContain('你不是这条审批的审批人');
    const refused = h.db.select().from(auditLog).where(and(eq(auditLog.actorId, 'bob'), eq(auditLog.outcome, 'refused'))).all();
    expect(refused).toHaveLength(1);
    expect(refused[0]?.detail).toContain('你不是这条审批的审批人');
    expect(h.db.select().from(registrations).get()?.status).toBe('pending');

    // carol clicks her own copy: the answer to the click replaces that copy in place.
    const clicked = h.click('carol', privateCopy, 'approve');
    const update = await h.server.waitFor((f) => f.cmd === 'aibot_respond_update_msg' && f.headers.req_id === clicked);
    expect(update.body).toMatchObject({
      response_type: 'update_template_card',
      template_card: { card_type: 'text_notice', task_id: templateCardOf(privateCopy).task_id },
    });
    expect(textOf(update)).toContain('已通过 · 陈经理');
    const done = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === WECOM_USER.carol && textOf(f).startsWith('✅ 已通过'));
    expect(textOf(done)).toBe('✅ 已通过：客户报备：杭州云启科技有限公司');

    // The group copy cannot be edited any more: its new state is posted to the group.
    const notice = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === CHAT.east && textOf(f) === '卡片状态已更新：');
    const reposted = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === CHAT.east && isCard(f));
    expect(h.server.accepted.indexOf(reposted)).toBeGreaterThan(h.server.accepted.indexOf(notice));
    expect(textOf(reposted)).toContain('已通过 · 陈经理');
    expect(templateCardOf(reposted).button_list).toBeUndefined();

    const told = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === WECOM_USER.alice);
    expect(textOf(told)).toMatch(/^✅ 你的报备「杭州云启科技有限公司」已由 陈经理 审批通过，保护期至 2026-12-25 10:00/);
    expect(h.db.select().from(registrations).get()?.status).toBe('protected');
    await eventually(() => {
      const version = h.db.select().from(cards).where(eq(cards.id, 1)).get()?.version;
      return h.db.select().from(cardDeliveries).all().every((d) => d.version === version);
    }, 3000, 'every copy at the card’s version');
    // The clicked copy was already current: it is not reposted.
    expect(h.server.frames('aibot_send_msg').filter((f) => chatOf(f) === WECOM_USER.carol && textOf(f) === '卡片状态已更新：')).toEqual([]);
  });
});

describe('approval card with the bot in groups and the application for members (WECOM_MODE=both)', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start({ mode: 'both' });
  });
  afterAll(() => h?.close());

  it('updates the clicked group copy in the click answer and the private application copy with update_template_card', async () => {
    const registered = h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678', { chat: CHAT.east });
    await h.server.waitFor((f) => f.headers.req_id === registered);
    await eventually(() => h.api.sent.some((m) => m.touser === WECOM_USER.carol && m.msgtype === 'template_card'), 3000, 'application card to carol');
    onlyMembers(h, CHAT.east, ['alice', 'carol']);
    const listed = h.say('carol', '/审批', { chat: CHAT.east });
    const groupCopy = await h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === listed && isCard(f));
    await eventually(() => h.db.select().from(cardDeliveries).all().length === 2, 3000, 'two card copies recorded');

    const clicked = h.click('carol', groupCopy, 'approve', { chat: CHAT.east });
    const update = await h.server.waitFor((f) => f.cmd === 'aibot_respond_update_msg' && f.headers.req_id === clicked);
    expect(textOf(update)).toContain('已通过 · 陈经理');

    await eventually(() => h.api.updates.length === 1, 3000, 'application card updated');
    expect(h.api.updates[0]).toMatchObject({
      userids: [WECOM_USER.carol],
      template_card: { card_type: 'text_notice', sub_title_text: expect.stringContaining('已通过 · 陈经理') },
    });
    await eventually(() => h.api.sent.some((m) => m.touser === WECOM_USER.alice), 3000, 'alice told');
    const told = h.api.sent.find((m) => m.touser === WECOM_USER.alice) as { markdown: { content: string } };
    expect(told.markdown.content).toMatch(/^✅ 你的报备「杭州云启科技有限公司」已由 陈经理 审批通过/);
    // Both copies were changed in place: nothing was reposted.
    expect(h.server.frames('aibot_send_msg').filter((f) => textOf(f) === '卡片状态已更新：')).toEqual([]);
    expect(h.api.sent.filter((m) => JSON.stringify(m).includes('卡片状态已更新'))).toEqual([]);
  });
});
