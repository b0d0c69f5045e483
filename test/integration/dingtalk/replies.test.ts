// A command in a group or a single chat reaches onMessage decoded, and the answer goes back into
// the same conversation: sessionWebhook while valid, OpenAPI after it expired.
import { FAKE_APP } from '../../fakes/dingtalk/fake-dingtalk';
import { waitFor } from '../../fakes/dingtalk/wait';
import { quietSdkConsole, startHarness, type Harness } from './harness';

quietSdkConsole();

let h: Harness;
afterEach(async () => h?.stop());

test('a group command is decoded, ACKed once handled, and answered in that group through its sessionWebhook', async () => {
  h = await startHarness();
  h.handlers.answerMessage = async () => ({ replies: [{ text: '已转交 2 个客户' }] });

  const frame = h.fake.pushRobotMessage();

  const ack = await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK');
  expect(ack.response).toBeNull();
  const sent = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'session'), 'reply');
  expect(sent).toMatchObject({ kind: 'session', body: { msgtype: 'text', text: { content: '已转交 2 个客户' } } });
  expect(h.handlers.messages).toEqual([
    expect.objectContaining({
      platform: 'dingtalk',
      messageId: 'msgLICYeHgY4JtMQw1aB2c3Ng==',
      senderPlatformId: 'carol',
      senderName: '陈经理',
      chat: { platform: 'dingtalk', chatId: FAKE_APP.group, kind: 'group', title: '华东销售群' },
      text: '转交 @李雷 给 @韩梅梅',
      mentions: [{ platformUserId: 'alice' }, { platformUserId: 'bob' }],
    }),
  ]);
  // The reply used no OpenAPI quota.
  expect(h.fake.api.requests.filter((r) => r.path.startsWith('/v1.0/robot'))).toHaveLength(0);
});

test('after the sessionWebhook expired the reply goes through groupMessages/send', async () => {
  h = await startHarness();
  h.handlers.answerMessage = async () => ({ replies: [{ text: '报备成功' }] });

  h.fake.pushRobotMessage({}, { sessionTtlMs: 0 });

  const sent = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'group'), 'group message');
  expect(sent).toEqual({ kind: 'group', openConversationId: FAKE_APP.group, msgKey: 'sampleText', msgParam: { content: '报备成功' } });
  const call = h.fake.api.requests.find((r) => r.path === '/v1.0/robot/groupMessages/send');
  expect(call?.body.robotCode).toBe(FAKE_APP.robotCode);
  expect(call?.headers['x-acs-dingtalk-access-token']).toBe(h.fake.api.tokensIssued[0]);
});

test('a single-chat message is answered to the sender; expired webhook → oToMessages/batchSend', async () => {
  h = await startHarness();
  h.handlers.answerMessage = async () => ({ replies: [{ text: '你名下有 3 个客户' }] });

  h.fake.pushRobotMessage({}, { fixture: 'stream-robot-single-text', sessionTtlMs: 0 });

  const sent = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'user'), 'single-chat reply');
  expect(sent).toEqual({ kind: 'user', userId: 'alice', msgKey: 'sampleText', msgParam: { content: '你名下有 3 个客户' } });
  expect(h.handlers.messages[0]).toMatchObject({ senderPlatformId: 'alice', chat: { kind: 'private' }, text: '我的客户', mentions: [] });
});

test('a card in a reply is delivered as an interactive card into the group and reported to the bot', async () => {
  h = await startHarness();
  h.handlers.answerMessage = async () => ({
    replies: [{
      text: '已提交审批',
      card: {
        id: 'c17',
        kind: 'approval',
        title: '客户报备审批',
        fields: [{ label: '公司', value: '杭州云启科技有限公司' }, { label: '预算', value: '120 万' }],
        buttons: [
          { action: 'approve', label: '通过', style: 'primary' },
          { action: 'reject', label: '驳回', style: 'danger', input: { prompt: '驳回原因', required: true } },
        ],
      },
    }],
  });

  h.fake.pushRobotMessage();

  const card = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'card'), 'card');
  if (card.kind !== 'card') throw new Error('unreachable');
  expect(card.openSpaceId).toBe(`dtv1.card//IM_GROUP.${FAKE_APP.group}`);
  expect(card.body).toMatchObject({
    cardTemplateId: 'dealguard-approval.schema',
    callbackType: 'STREAM',
    userIdType: 1,
    imGroupOpenDeliverModel: { robotCode: FAKE_APP.robotCode },
  });
  expect(card.body.cardData.cardParamMap).toMatchObject({
    cardId: 'c17',
    title: '客户报备审批',
    body: '已提交审批\n\n**公司**：杭州云启科技有限公司  \n**预算**：120 万',
    btn1Label: '通过',
    btn1Action: 'approve',
    btn2Label: '驳回',
    btn2Action: 'reject',
    btn2NeedsInput: 'true',
    inputPrompt: '驳回原因',
    btn3Label: '',
  });
  await waitFor(() => h.handlers.delivered.length === 1, 'onCardDelivered');
  expect(h.handlers.delivered[0]).toEqual({
    cardId: 'c17',
    platform: 'dingtalk',
    to: { kind: 'chat', chatId: FAKE_APP.group },
    receipt: { cardRef: card.outTrackId },
  });
});

test('a file sent to the robot is handed over with a working download()', async () => {
  h = await startHarness();
  h.fake.api.addFile('mIofN681YE3f/+m+NntqpWSg==', '客户导入.xlsx', Buffer.from('PK fake xlsx'));

  h.fake.pushRobotMessage({}, { fixture: 'stream-robot-file' });

  const msg = await waitFor(() => h.handlers.messages[0], 'file message');
  expect(msg.file?.name).toBe('客户导入.xlsx');
  expect(msg.text).toBe('');
  await expect(msg.file?.download()).resolves.toEqual(Buffer.from('PK fake xlsx'));
});
