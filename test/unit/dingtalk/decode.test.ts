import { cardIdFromOutTrackId } from '../../../src/platforms/dingtalk/card-tracking';
import { decodeCardCallback, decodeRobotMessage } from '../../../src/platforms/dingtalk/decode';
import { cardActionContent, fixture, frameFrom, type StreamFrame } from '../../fakes/dingtalk/fixtures';

const noFiles = async (): Promise<Buffer> => {
  throw new Error('no download expected');
};

function robot(name: string, data: Record<string, unknown> = {}) {
  const decoded = decodeRobotMessage(frameFrom(name, { data }).data, noFiles);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value;
}

describe('robot messages', () => {
  test('group text: leading space trimmed, bot left out of mentions, others kept in order', () => {
    const { message, replyTo, sessionWebhook } = robot('stream-robot-group-text');
    expect(message).toEqual({
      platform: 'dingtalk',
      messageId: 'msgLICYeHgY4JtMQw1aB2c3Ng==',
      senderPlatformId: 'carol',
      senderName: '陈经理',
      chat: { platform: 'dingtalk', chatId: 'cidAsXSBLnA8kQjzRQJNfA2Tw==', kind: 'group', title: '华东销售群' },
      text: '转交 @李雷 给 @韩梅梅',
      mentions: [{ platformUserId: 'alice' }, { platformUserId: 'bob' }],
    });
    expect(replyTo).toEqual({ kind: 'chat', chatId: 'cidAsXSBLnA8kQjzRQJNfA2Tw==' });
    expect(sessionWebhook).toEqual({
      url: 'https://oapi.dingtalk.com/robot/sendBySession?session=76da36b4c1f0e4a8d2b38f59e8',
      expiresAt: 1690367502152,
    });
  });

  test('single chat: private, replies go to the sender', () => {
    const { message, replyTo } = robot('stream-robot-single-text');
    expect(message.chat).toEqual({ platform: 'dingtalk', chatId: 'cidp4GhXzRQ8TQJNfQ1yd2A1Ww==', kind: 'private' });
    expect(message.text).toBe('我的客户');
    expect(replyTo).toEqual({ kind: 'user', platformUserId: 'alice' });
  });

  test('a member of another organisation (no staffId) is known by the dingtalkId', () => {
    const { message, replyTo } = robot('stream-robot-single-text', {
      senderStaffId: undefined,
      atUsers: [{ dingtalkId: '$:LWCP_v1:$outsider' }],
    });
    expect(message.senderPlatformId).toBe('$:LWCP_v1:$pTZor09tFmT3sHMgZEYEow==');
    expect(message.mentions).toEqual([{ platformUserId: '$:LWCP_v1:$outsider' }]);
    expect(replyTo).toEqual({ kind: 'user', platformUserId: '$:LWCP_v1:$pTZor09tFmT3sHMgZEYEow==' });
  });

  test('richText parts are joined', () => {
    const { message } = robot('stream-robot-group-text', {
      msgtype: 'richText',
      text: undefined,
      content: { richText: [{ text: ' /报备 ' }, { downloadCode: 'pic' }, { text: '杭州云启' }] },
    });
    expect(message.text).toBe('/报备 杭州云启');
  });

  test('a file message carries a lazy download', async () => {
    const fetched: string[] = [];
    const decoded = decodeRobotMessage(fixture<StreamFrame>('stream-robot-file').data, async (code) => {
      fetched.push(code);
      return Buffer.from('x');
    });
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.value.message.file?.name).toBe('客户导入.xlsx');
    expect(fetched).toEqual([]);
    await decoded.value.message.file?.download();
    expect(fetched).toEqual(['mIofN681YE3f/+m+NntqpWSg==']);
  });

  test.each([
    ['not JSON', '{'],
    ['conversationType as a number', frameFrom('stream-robot-group-text', { data: { conversationType: 2 } }).data],
    ['no msgId', frameFrom('stream-robot-group-text', { data: { msgId: undefined } }).data],
    ['text without content', frameFrom('stream-robot-group-text', { data: { text: {} } }).data],
    ['unsupported msgtype', frameFrom('stream-robot-group-text', { data: { msgtype: 'picture' } }).data],
    ['sessionWebhook not a URL', frameFrom('stream-robot-group-text', { data: { sessionWebhook: 'javascript:alert(1)' } }).data],
  ])('malformed: %s', (_name, data) => {
    expect(decodeRobotMessage(data, noFiles).ok).toBe(false);
  });
});

describe('card callbacks', () => {
  const unknownCard = () => undefined;

  test('clicker, card id, action and typed remark come from the callback', () => {
    const decoded = decodeCardCallback(fixture<StreamFrame>('stream-card-callback').data, 'evt-1', cardIdFromOutTrackId);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.value).toEqual({
      action: { platform: 'dingtalk', eventId: 'evt-1', senderPlatformId: 'carol', cardId: 'c17', action: 'reject', text: '重复报备' },
      outTrackId: 'dg_c17_5f0e2a9b7c41',
    });
  });

  test('IM_GROUP space names the group; `value` is read when `content` is absent', () => {
    const data = frameFrom('stream-card-callback', {
      data: { content: undefined, value: cardActionContent({ action: 'approve', cardId: 'c17', remark: '  ' }), spaceType: 'IM_GROUP', spaceId: 'cidG==' },
    }).data;
    const decoded = decodeCardCallback(data, 'evt-2', cardIdFromOutTrackId);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.value.space).toEqual({ kind: 'chat', chatId: 'cidG==' });
    expect(decoded.value.action).toMatchObject({ cardId: 'c17', action: 'approve' });
    expect(decoded.value.ignoredCardIdParam).toBeUndefined();
    expect(decoded.value.action.text).toBeUndefined();
  });

  test('without a cardId param the fallback names the card', () => {
    const data = frameFrom('stream-card-callback', { data: { content: cardActionContent({ action: 'approve' }) } }).data;
    const decoded = decodeCardCallback(data, 'evt-3', (outTrackId) => (outTrackId === 'dg_c17_5f0e2a9b7c41' ? 'c17' : undefined));
    expect(decoded.ok && decoded.value.action.cardId).toBe('c17');
  });

  test('a cardId param naming another card is ignored: the card is the one we issued the outTrackId for', () => {
    const data = frameFrom('stream-card-callback', { data: { content: cardActionContent({ action: 'approve', cardId: 'c3' }) } }).data;
    const issued = (outTrackId: string) => (outTrackId === 'dg_c17_5f0e2a9b7c41' ? 'c17' : undefined);
    const decoded = decodeCardCallback(data, 'evt-4', issued);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.value.action).toMatchObject({ cardId: 'c17', action: 'approve' });
    expect(decoded.value.ignoredCardIdParam).toBe('c3');
  });

  test('a cardId param does not make an outTrackId we never issued acceptable', () => {
    const data = frameFrom('stream-card-callback', { data: { content: cardActionContent({ action: 'approve', cardId: 'c17' }), outTrackId: 'someone-elses-card' } }).data;
    expect(decodeCardCallback(data, 'evt-5', cardIdFromOutTrackId).ok).toBe(false);
  });

  test.each([
    ['content not JSON', { content: 'nope', value: undefined }],
    ['no action param', { content: cardActionContent({ cardId: 'c17' }) }],
    ['no clicker', { userId: undefined }],
    ['unknown card', { content: cardActionContent({ action: 'approve' }), outTrackId: 'not-ours' }],
  ])('rejected: %s', (_name, data) => {
    expect(decodeCardCallback(frameFrom('stream-card-callback', { data }).data, 'evt', unknownCard).ok).toBe(false);
  });
});
