// Scheduled reminders reach the team's DingTalk group and really @mention the person concerned:
// the group is bound with /绑定群 from DingTalk, the scheduler runs on a virtual clock.
import { and, eq } from 'drizzle-orm';
import { outbox } from '../../../db/schema';
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

test('T-3 and no-follow-up reminders go to the bound group as cards that @ the owner, and only the owner', async () => {
  h = await startDingtalkApp();
  const bound = await h.answerTo(h.say('admin', '/绑定群 华东'));
  expect(bound).toContain('已把本群（华东销售群）绑定到团队「华东」');
  await registerAndApprove('alice', '杭州云启科技有限公司', '13812345678');
  await registerAndApprove('bob', '宁波海曙星辰贸易有限公司', '13700001111');
  await h.app.dispatcher.runOnce();
  const pushedBefore = h.cardsIn(`IM_GROUP.${EAST_GROUP}`).length;

  await h.app.scheduler.advanceTo(h.clock, new Date('2026-12-22T09:30:00+08:00'));

  const reminders = h.cardsIn(`IM_GROUP.${EAST_GROUP}`).slice(pushedBefore);
  const owners = (c: CardDelivered) => c.body.imGroupOpenDeliverModel?.atUserIds as Record<string, string> | undefined;
  const toAlice = reminders.filter((c) => owners(c)?.[dt('alice')]);
  const toBob = reminders.filter((c) => owners(c)?.[dt('bob')]);
  expect(reminders.length).toBe(toAlice.length + toBob.length);
  for (const c of toAlice) expect(owners(c)).toEqual({ [dt('alice')]: '李雷' });
  for (const c of toBob) expect(owners(c)).toEqual({ [dt('bob')]: '韩梅梅' });

  const expiring = toAlice.filter((c) => shown(c).includes('保护期即将到期'));
  expect(expiring).toHaveLength(1);
  expect(shown(expiring[0]!)).toContain('杭州云启科技有限公司');
  expect(shown(expiring[0]!)).toContain('还剩 3 天');
  expect(shown(expiring[0]!)).not.toContain('宁波海曙星辰');
  expect(toAlice.filter((c) => shown(c).includes('14 天未跟进'))).toHaveLength(1);
  expect(toBob.filter((c) => shown(c).includes('保护期即将到期：宁波海曙星辰贸易有限公司'))).toHaveLength(1);
  // The group's reply address expired long ago; the cards went through OpenAPI and nothing is left.
  expect(h.db.select().from(outbox).where(and(eq(outbox.status, 'pending'))).all()).toEqual([]);
  expect(h.fake.api.tokensIssued.length).toBeGreaterThan(1);
});
