// Proactive pushes (the outbox dispatcher calling send()): the right channel for each target, and
// @mentions that really notify — a sessionWebhook `at` when one is fresh, else a card's atUserIds,
// because groupMessages/send cannot @ anyone.
import { SendError } from '../../../src/platforms/types';
import { FAKE_APP } from '../../fakes/dingtalk/fake-dingtalk';
import { waitFor } from '../../fakes/dingtalk/wait';
import { quietSdkConsole, startHarness, type Harness } from './harness';

quietSdkConsole();

let h: Harness;
afterEach(async () => h?.stop());

const mentions = [
  { platformUserId: 'alice', name: '李雷' },
  { platformUserId: 'carol', name: '陈经理' },
];
const group = { kind: 'chat' as const, chatId: FAKE_APP.group };

test('a group push with @mentions and no fresh sessionWebhook goes out as a card with atUserIds', async () => {
  h = await startHarness();

  const receipt = await h.platform.send({
    to: group,
    message: { text: '@李雷 杭州云启科技 保护期 3 天后到期\n请 @陈经理 关注', mentions },
  });

  expect(receipt).toEqual({});
  const card = h.fake.api.delivered.find((d) => d.kind === 'card');
  if (card?.kind !== 'card') throw new Error('no card delivered');
  expect(card.body.imGroupOpenDeliverModel).toEqual({ robotCode: FAKE_APP.robotCode, atUserIds: { alice: '李雷', carol: '陈经理' } });
  expect(card.body.cardTemplateId).toBe('dealguard-notice.schema');
  expect(card.body.cardData.cardParamMap).toMatchObject({ title: '@李雷 杭州云启科技 保护期 3 天后到期', body: '请 @陈经理 关注', btn1Label: '' });
  expect(h.fake.api.requests.some((r) => r.path === '/v1.0/robot/groupMessages/send')).toBe(false);
});

test('a group push with @mentions uses the group\'s fresh sessionWebhook with at.atUserIds', async () => {
  h = await startHarness();
  h.fake.pushRobotMessage();
  await waitFor(() => h.handlers.messages.length === 1, 'a message that leaves a sessionWebhook');

  await h.platform.send({ to: group, message: { text: '@李雷 请跟进，@陈经理 已知悉', mentions } });

  const sent = h.fake.api.delivered.find((d) => d.kind === 'session');
  expect(sent).toMatchObject({
    body: {
      msgtype: 'text',
      text: { content: '@alice 请跟进，@carol 已知悉' },
      at: { atUserIds: ['alice', 'carol'], isAtAll: false },
    },
  });
});

test('a mention whose name is not in the text is appended, so DingTalk shows it', async () => {
  h = await startHarness();
  h.fake.pushRobotMessage();
  await waitFor(() => h.handlers.messages.length === 1, 'sessionWebhook');

  await h.platform.send({ to: group, message: { text: '审批已超时 24 小时', mentions: [{ platformUserId: 'dave', name: '王总' }] } });

  expect(h.fake.api.delivered.find((d) => d.kind === 'session')).toMatchObject({
    body: { text: { content: '审批已超时 24 小时 @dave' }, at: { atUserIds: ['dave'] } },
  });
});

test('a push without mentions goes through groupMessages/send; to a person through batchSend', async () => {
  h = await startHarness();

  await h.platform.send({ to: group, message: { text: '今日到期提醒：无' } });
  await h.platform.send({ to: { kind: 'user', platformUserId: 'frank' }, message: { text: '续约任务已创建' } });

  expect(h.fake.api.delivered).toEqual([
    { kind: 'group', openConversationId: FAKE_APP.group, msgKey: 'sampleText', msgParam: { content: '今日到期提醒：无' } },
    { kind: 'user', userId: 'frank', msgKey: 'sampleText', msgParam: { content: '续约任务已创建' } },
  ]);
});

test('a card pushed to a person goes to the robot single chat and returns its outTrackId', async () => {
  h = await startHarness();

  const receipt = await h.platform.send({
    to: { kind: 'user', platformUserId: 'dave' },
    message: { card: { id: 'c21', kind: 'digest', title: '今日待办', fields: [], buttons: [], sections: [{ title: '杭州云启', fields: [{ label: '到期', value: '11-28' }], buttons: [{ action: 'followup:12', label: '跟进' }] }] } },
  });

  const card = h.fake.api.delivered.find((d) => d.kind === 'card');
  if (card?.kind !== 'card') throw new Error('no card');
  expect(receipt).toEqual({ cardRef: card.outTrackId });
  expect(card.openSpaceId).toBe('dtv1.card//IM_ROBOT.dave');
  expect(card.body.imRobotOpenDeliverModel).toEqual({ spaceType: 'IM_ROBOT', robotCode: FAKE_APP.robotCode });
  expect(card.body.cardData.cardParamMap).toMatchObject({ btn1Label: '杭州云启 · 跟进', btn1Action: 'followup:12', body: '**杭州云启**  \n到期：11-28' });
});

test('a person DingTalk does not know, or a group without the robot, fails permanently', async () => {
  h = await startHarness();

  const toStranger = h.platform.send({ to: { kind: 'user', platformUserId: 'left-the-company' }, message: { text: '提醒' } });
  await expect(toStranger).rejects.toMatchObject({ name: 'SendError', retryable: false, code: 'InvalidStaffId' });
  const toUnknownGroup = h.platform.send({ to: { kind: 'chat', chatId: 'cidDissolved==' }, message: { text: '提醒' } });
  await expect(toUnknownGroup).rejects.toBeInstanceOf(SendError);
  await expect(toUnknownGroup).rejects.toMatchObject({ retryable: false, code: 'invalidParameter' });
  const cardToUnknownGroup = h.platform.send({ to: { kind: 'chat', chatId: 'cidDissolved==' }, message: { card: { id: 'c1', kind: 'notice', title: 't', fields: [], buttons: [] } } });
  await expect(cardToUnknownGroup).rejects.toMatchObject({ retryable: false, code: 'DeliverFailed' });
});
