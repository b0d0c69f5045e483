// Scheduled reminders reach the team's DingTalk group and really @mention the person concerned —
// or, where a member may not read them, the person privately with a line in the group. The group is
// bound with /绑定群 from DingTalk, the scheduler runs on a virtual clock.
import { and, eq } from 'drizzle-orm';
import { chatGroups, groupMembers, outbox } from '../../../db/schema';
import type { Delivered } from '../../fakes/dingtalk/fake-openapi';
import { waitFor } from '../../fakes/dingtalk/wait';
import { dt, EAST_GROUP, quietSdkConsole, startDingtalkApp, type DingtalkApp } from '../../support/dingtalk-app';

quietSdkConsole();

let h: DingtalkApp;
afterEach(async () => h?.close());

type CardDelivered = Extract<Delivered, { kind: 'card' }>;

/** What a card shows: its title and its markdown body. */
const shown = (c: CardDelivered) => `${c.body.cardData.cardParamMap.title}\n${c.body.cardData.cardParamMap.body}`;

async function registerAndApprove(owner: string, company: string, mobile: string): Promise<void> {
  const before = h.cardsIn(`IM_ROBOT.${dt('carol')}`).length;
  await h.answerTo(h.say(owner, `/报备 ${company} 张伟 ${mobile}`));
  const card = await waitFor(() => h.cardsIn(`IM_ROBOT.${dt('carol')}`)[before], `approval card for ${company}`);
  const click = h.click('carol', card.outTrackId, 'approve');
  await waitFor(() => h.fake.stream.ackOf(click.headers.messageId), 'approval ACKed');
}

/** Declares who is in the east group: a reminder is shown there only if every member may read it. */
function eastMembers(staffIds: string[]): void {
  const group = h.db.select().from(chatGroups).where(and(eq(chatGroups.platform, 'dingtalk'), eq(chatGroups.chatId, EAST_GROUP))).get()!;
  h.db.delete(groupMembers).where(eq(groupMembers.groupId, group.id)).run();
  for (const staffId of staffIds) h.db.insert(groupMembers).values({ groupId: group.id, staffId }).run();
}

test('T-3 and no-follow-up reminders go to the bound group as cards that @ the owner, where every member may read them', async () => {
  h = await startDingtalkApp();
  const bound = await h.answerTo(h.say('admin', '/绑定群 华东'));
  expect(bound).toContain('已把本群（华东销售群）绑定到团队「华东」');
  // A group of 李雷, her manager and the admin: all three may read 李雷's customers.
  eastMembers(['alice', 'carol', 'admin']);
  await registerAndApprove('alice', '杭州云启科技有限公司', '13812345678');
  await h.app.dispatcher.runOnce();
  const pushedBefore = h.cardsIn(`IM_GROUP.${EAST_GROUP}`).length;

  await h.app.scheduler.advanceTo(h.clock, new Date('2026-12-22T09:30:00+08:00'));

  const reminders = h.cardsIn(`IM_GROUP.${EAST_GROUP}`).slice(pushedBefore);
  const owners = (c: CardDelivered) => c.body.imGroupOpenDeliverModel?.atUserIds as Record<string, string> | undefined;
  expect(reminders.length).toBeGreaterThan(0);
  for (const c of reminders) expect(owners(c)).toEqual({ [dt('alice')]: '李雷' });
  const expiring = reminders.filter((c) => shown(c).includes('保护期即将到期'));
  expect(expiring).toHaveLength(1);
  expect(shown(expiring[0]!)).toContain('杭州云启科技有限公司');
  expect(shown(expiring[0]!)).toContain('还剩 3 天');
  expect(reminders.filter((c) => shown(c).includes('14 天未跟进'))).toHaveLength(1);
  // The group's reply address expired long ago; the cards went through OpenAPI and nothing is left.
  expect(h.db.select().from(outbox).where(and(eq(outbox.status, 'pending'))).all()).toEqual([]);
  expect(h.fake.api.tokensIssued.length).toBeGreaterThan(1);
});

test("in a group a dealer's person reads, the reminders go to each owner privately and the group gets one line @ the owner", async () => {
  h = await startDingtalkApp();
  await h.answerTo(h.say('admin', '/绑定群 华东'));
  await registerAndApprove('alice', '杭州云启科技有限公司', '13812345678');
  await registerAndApprove('bob', '宁波海曙星辰贸易有限公司', '13700001111');
  await h.app.dispatcher.runOnce();
  const mark = h.fake.api.delivered.length;

  await h.app.scheduler.advanceTo(h.clock, new Date('2026-12-22T09:30:00+08:00'));

  const since = h.fake.api.delivered.slice(mark);
  // Only the one-line pointers reach the group (as cards: that is how DingTalk lets a robot @ someone).
  const groupCards = since.filter((d): d is CardDelivered => d.kind === 'card' && d.openSpaceId === `dtv1.card//IM_GROUP.${EAST_GROUP}`);
  // One per reminder message: the T-3 and the no-follow-up reminder of each owner.
  expect(groupCards.map((c) => Object.values(c.body.imGroupOpenDeliverModel?.atUserIds as Record<string, string>)).sort()).toEqual([['李雷'], ['李雷'], ['韩梅梅'], ['韩梅梅']]);
  for (const c of groupCards) expect(JSON.stringify(c.body)).toContain('已私信给你');
  const aliceCards = h.cardsIn(`IM_ROBOT.${dt('alice')}`).filter((c) => since.includes(c));
  const bobCards = h.cardsIn(`IM_ROBOT.${dt('bob')}`).filter((c) => since.includes(c));
  expect(aliceCards.map(shown).join('\n')).toContain('保护期即将到期：杭州云启科技有限公司');
  expect(aliceCards.map(shown).join('\n')).not.toContain('宁波海曙星辰');
  expect(bobCards.map(shown).join('\n')).toContain('保护期即将到期：宁波海曙星辰贸易有限公司');
  expect(JSON.stringify(groupCards)).not.toMatch(/杭州云启科技|宁波海曙星辰|还剩/);
});
