// Approval through DingTalk cards: the assigned approver's click decides, and every copy of the card
// (the one clicked and the others) shows the decision; anyone else's click is refused and audited.
import { and, eq } from 'drizzle-orm';
import { auditLog, chatGroups, groupMembers, registrations } from '../../../db/schema';
import type { Delivered } from '../../fakes/dingtalk/fake-openapi';
import { delay, waitFor } from '../../fakes/dingtalk/wait';
import { dt, EAST_GROUP, quietSdkConsole, startDingtalkApp, type DingtalkApp } from '../../support/dingtalk-app';

quietSdkConsole();

let h: DingtalkApp;
afterEach(async () => h?.close());

type CardDelivered = Extract<Delivered, { kind: 'card' }>;

/** alice registers in the group; carol gets the card privately and asks for it again in the group (of alice and carol only). */
async function twoCopies(): Promise<{ privateCopy: CardDelivered; groupCopy: CardDelivered }> {
  await h.answerTo(h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678'));
  const privateCopy = await waitFor(() => h.cardsIn(`IM_ROBOT.${dt('carol')}`)[0], 'card to carol');
  // A group of alice and her manager: both may read alice's customer, so the card may show there.
  const group = h.db.select().from(chatGroups).where(and(eq(chatGroups.platform, 'dingtalk'), eq(chatGroups.chatId, EAST_GROUP))).get()!;
  h.db.delete(groupMembers).where(eq(groupMembers.groupId, group.id)).run();
  for (const staffId of ['alice', 'carol']) h.db.insert(groupMembers).values({ groupId: group.id, staffId }).run();
  h.say('carol', '/审批');
  const groupCopy = await waitFor(() => h.cardsIn(`IM_GROUP.${EAST_GROUP}`)[0], 'copy in the group');
  expect(groupCopy.body.cardData.cardParamMap.cardId).toBe(privateCopy.body.cardData.cardParamMap.cardId);
  return { privateCopy, groupCopy };
}

const updatesOf = (outTrackId: string) =>
  h.fake.api.delivered.filter((d): d is Extract<Delivered, { kind: 'cardUpdate' }> => d.kind === 'cardUpdate' && d.outTrackId === outTrackId);

test('the approver\'s click approves, and both copies of the card show it', async () => {
  h = await startDingtalkApp();
  const { privateCopy, groupCopy } = await twoCopies();

  await h.app.dispatcher.runOnce();
  const click = h.click('carol', privateCopy.outTrackId, 'approve');

  await waitFor(() => h.fake.stream.ackOf(click.headers.messageId), 'ACK');
  const reg = await waitFor(() => {
    const r = h.db.select().from(registrations).get();
    return r?.status === 'protected' ? r : undefined;
  }, 'registration protected');
  expect(reg.ownerId).toBe('alice');
  await waitFor(() => updatesOf(privateCopy.outTrackId).length > 0 && updatesOf(groupCopy.outTrackId).length > 0, 'both copies updated');
  for (const copy of [privateCopy, groupCopy]) {
    const params = h.fake.api.cardParams(copy.outTrackId)!;
    expect(params.footer).toMatch(/^已通过 · 陈经理 · /);
    expect(params.tone).toBe('success');
    expect(params.btn1Label).toBe('');
    expect(params.btn2Label).toBe('');
  }
  // The clicked copy is updated once (in the click's answer), the other one once (by the dispatcher).
  await delay(200);
  await h.app.dispatcher.runOnce();
  expect(updatesOf(privateCopy.outTrackId)).toHaveLength(1);
  expect(updatesOf(groupCopy.outTrackId)).toHaveLength(1);

  // carol is told privately; alice gets the decision privately too.
  const toAlice = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'user' && d.userId === dt('alice')), 'decision to alice');
  expect(toAlice).toMatchObject({ msgParam: { content: expect.stringContaining('杭州云启科技有限公司') } });
  const toCarol = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'user' && d.userId === dt('carol')), 'answer to carol');
  expect(toCarol).toMatchObject({ msgParam: { content: expect.stringContaining('✅ 已通过') } });
});

test('a click by someone who is not the approver is refused, recorded, and changes nothing', async () => {
  h = await startDingtalkApp();
  const { groupCopy } = await twoCopies();

  const click = h.click('bob', groupCopy.outTrackId, 'approve');

  const refusal = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'session' && JSON.stringify(d.body).includes('不是这条审批的审批人')), 'refusal in the group');
  expect(refusal).toMatchObject({ body: { text: { content: expect.stringContaining('当前审批人：陈经理') } } });
  expect(h.fake.stream.ackOf(click.headers.messageId)).toBeDefined();
  expect(h.db.select().from(registrations).get()?.status).toBe('pending');
  const audit = h.db.select().from(auditLog).where(and(eq(auditLog.actorId, 'bob'), eq(auditLog.outcome, 'refused'))).all();
  expect(audit).toEqual([expect.objectContaining({ action: 'approval.approved', subjectType: 'approval' })]);
  expect(audit[0]?.detail).toContain('not_approver');
  // The card still offers carol her buttons.
  expect(h.fake.api.cardParams(groupCopy.outTrackId)).toMatchObject({ btn1Action: 'approve', btn2Action: 'reject', footer: '' });

  // A redelivery of the same click is not refused (nor recorded) a second time.
  h.fake.stream.push(click);
  await delay(300);
  expect(h.db.select().from(auditLog).where(and(eq(auditLog.actorId, 'bob'), eq(auditLog.outcome, 'refused'))).all()).toHaveLength(1);
});

test('a reject click carries the reason typed in the card', async () => {
  h = await startDingtalkApp();
  const { privateCopy, groupCopy } = await twoCopies();

  h.click('carol', privateCopy.outTrackId, 'reject', '客户已由代理商跟进');

  await waitFor(() => h.fake.api.cardParams(groupCopy.outTrackId)?.footer?.startsWith('已驳回') || undefined, 'group copy rejected');
  expect(h.fake.api.cardParams(groupCopy.outTrackId)?.footer).toContain('原因：客户已由代理商跟进');
  expect(h.db.select().from(registrations).get()?.status).toBe('rejected');
});
