// A click on a card reaches onCardAction with who clicked and what; the updated card is pushed to
// DingTalk (PUT /v1.0/card/instances, public data: everyone sees it) and replies go to the chat.
import type { Card } from '../../../bot-cards/card';
import { FAKE_APP } from '../../fakes/dingtalk/fake-dingtalk';
import { cardActionContent } from '../../fakes/dingtalk/fixtures';
import { waitFor } from '../../fakes/dingtalk/wait';
import { quietSdkConsole, startHarness, type Harness } from './harness';

quietSdkConsole();

let h: Harness;
afterEach(async () => h?.stop());

const approval: Card = {
  id: 'c17',
  kind: 'approval',
  title: '客户报备审批',
  fields: [{ label: '公司', value: '杭州云启科技有限公司' }],
  buttons: [
    { action: 'approve', label: '通过', style: 'primary' },
    { action: 'reject', label: '驳回', style: 'danger', input: { prompt: '驳回原因', required: true } },
  ],
};
const decided: Card = { ...approval, buttons: [], footer: '已驳回 · 陈经理 · 11-25 10:30' };

async function deliverApprovalCard(): Promise<string> {
  const receipt = await h.platform.send({ to: { kind: 'chat', chatId: FAKE_APP.group }, message: { card: approval } });
  if (!receipt.cardRef) throw new Error('no cardRef');
  return receipt.cardRef;
}

test('a click reaches onCardAction with the clicker, card and action; the card is updated for everyone', async () => {
  h = await startHarness();
  const outTrackId = await deliverApprovalCard();
  h.handlers.answerAction = async () => ({ replies: [{ text: '已驳回：重复报备' }], updatedCard: decided });

  const frame = h.fake.pushCardCallback({
    outTrackId,
    userId: 'carol',
    content: cardActionContent({ action: 'reject', cardId: 'c17', remark: '重复报备' }),
  });

  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK');
  const update = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'cardUpdate'), 'card update');
  expect(h.handlers.actions).toEqual([{
    platform: 'dingtalk',
    eventId: frame.headers.messageId,
    senderPlatformId: 'carol',
    chat: { platform: 'dingtalk', chatId: FAKE_APP.group, kind: 'group' },
    cardId: 'c17',
    action: 'reject',
    text: '重复报备',
  }]);
  expect(update).toMatchObject({ kind: 'cardUpdate', outTrackId });
  const call = h.fake.api.requests.find((r) => r.method === 'PUT' && r.path === '/v1.0/card/instances');
  expect(call?.body.cardUpdateOptions).toEqual({ updateCardDataByKey: true });
  expect(h.fake.api.cardParams(outTrackId)).toMatchObject({ footer: '已驳回 · 陈经理 · 11-25 10:30', btn1Label: '', btn2Label: '', inputPrompt: '' });
  // No sessionWebhook for a click: the reply goes into the card's group through OpenAPI.
  const reply = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'group'), 'reply');
  expect(reply).toMatchObject({ openConversationId: FAKE_APP.group, msgParam: { content: '已驳回：重复报备' } });
});

test('a card delivered before a restart is still recognised from its outTrackId and the callback space', async () => {
  h = await startHarness();
  // Never delivered by this process, no cardId param: only the outTrackId names the card.
  h.fake.pushCardCallback({
    outTrackId: 'dg_c99_5f0e2a9b7c41',
    userId: 'dave',
    content: cardActionContent({ action: 'approve' }),
    spaceType: 'IM_GROUP',
    spaceId: FAKE_APP.otherGroup,
  });

  const action = await waitFor(() => h.handlers.actions[0], 'card action');
  expect(action).toMatchObject({ cardId: 'c99', action: 'approve', senderPlatformId: 'dave', chat: { chatId: FAKE_APP.otherGroup } });
  expect(action.text).toBeUndefined();
});

test('a callback without an action, or for a card that is not ours, is ACKed and dropped', async () => {
  h = await startHarness();
  const noAction = h.fake.pushCardCallback({ outTrackId: 'dg_c17_5f0e2a9b7c41', content: cardActionContent({ cardId: 'c17' }) });
  const foreign = h.fake.pushCardCallback({ outTrackId: 'someone-elses-card', content: cardActionContent({ action: 'approve' }) });
  const valid = h.fake.pushCardCallback({ outTrackId: 'dg_c17_5f0e2a9b7c41', content: cardActionContent({ action: 'approve', cardId: 'c17' }) });

  await waitFor(() => h.handlers.actions.length === 1, 'valid action');
  expect(h.handlers.actions[0]?.eventId).toBe(valid.headers.messageId);
  // The ACKs of the dropped ones travel the socket on their own: wait for them, do not race them.
  await waitFor(() => h.fake.stream.ackOf(noAction.headers.messageId), 'ACK of the callback without action');
  await waitFor(() => h.fake.stream.ackOf(foreign.headers.messageId), 'ACK of the foreign card');
  expect(h.handlers.actions).toHaveLength(1);
});

test('updateCard() replaces the card data; an unknown instance is reported as expired', async () => {
  h = await startHarness();
  const outTrackId = await deliverApprovalCard();

  await expect(h.platform.updateCard(outTrackId, { kind: 'chat', chatId: FAKE_APP.group }, decided)).resolves.toBe('updated');
  expect(h.fake.api.cardParams(outTrackId)?.footer).toBe('已驳回 · 陈经理 · 11-25 10:30');
  await expect(h.platform.updateCard('dg_gone_000000000000', { kind: 'chat', chatId: FAKE_APP.group }, decided)).resolves.toBe('expired');
});

test('a forged cardId param cannot redirect a click: the card is the one we issued the outTrackId for', async () => {
  h = await startHarness();
  const outTrackId = await deliverApprovalCard();
  const frame = h.fake.pushCardCallback({ outTrackId, userId: 'carol', content: cardActionContent({ action: 'approve', cardId: 'c99' }) });
  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK');
  await waitFor(() => h.handlers.actions.length > 0 || undefined, 'click handled');
  expect(h.handlers.actions).toMatchObject([{ cardId: 'c17', action: 'approve', senderPlatformId: 'carol' }]);
});
