// Replies WeCom gave up on become outbox notices to the same conversation (src/app/undelivered.ts),
// delivered by the dispatcher through the real platform.
import { outbox } from '../../../db/schema';
import { silentLogger } from '../../../src/log/logger';
import { keepUndeliveredReplies } from '../../../src/app/undelivered';
import { SendError } from '../../../src/platforms/types';
import type { ClientFrame } from '../../fakes/wecom/aibot-server';
import { CHAT, WECOM_USER, WecomApp, chatOf, eventually, templateCardOf, textOf } from '../../support/wecom-app';

const lost = new SendError('WeCom long connection is down', { retryable: true, code: 'wecom_disconnected' });
const isCard = (f: ClientFrame) => (f.body as { msgtype?: string } | undefined)?.msgtype === 'template_card';

describe('undelivered replies kept in the outbox', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start();
    const req = h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678', { chat: CHAT.east });
    await h.server.waitFor((f) => f.headers.req_id === req);
  });
  afterAll(() => h?.close());

  const kept = () => h.db.select().from(outbox).all().filter((r) => r.payload.template === 'reply.undelivered');

  it('sends a private reply to the person, with its card in its current state', async () => {
    const keep = keepUndeliveredReplies(h.app, silentLogger());
    const card = { id: 'c1', kind: 'approval', title: 'stale copy', fields: [], buttons: [] };
    await keep('wecom', { to: { kind: 'user', platformUserId: WECOM_USER.carol }, message: { text: '你有 1 条待审批：', card } }, lost);

    expect(kept()).toMatchObject([{ recipientType: 'staff', recipientId: 'carol', payload: { params: { text: '你有 1 条待审批：' }, cardId: 1 } }]);
    const text = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === WECOM_USER.carol && textOf(f) === '你有 1 条待审批：');
    const sentCard = await h.server.waitFor((f) => h.server.received.indexOf(f) > h.server.received.indexOf(text) && chatOf(f) === WECOM_USER.carol && isCard(f));
    expect(textOf(sentCard)).toContain('客户报备：杭州云启科技有限公司');
    expect(templateCardOf(sentCard).button_list?.map((b) => b.text)).toEqual(['通过', '驳回']);
  });

  it('sends a group reply to the group, its mentions still @mentioned', async () => {
    await keepUndeliveredReplies(h.app, silentLogger())(
      'wecom',
      { to: { kind: 'chat', chatId: CHAT.east }, message: { text: '请 @李雷 补充跟进', mentions: [{ platformUserId: WECOM_USER.alice, name: '李雷' }] } },
      lost,
    );
    const push = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === CHAT.east);
    expect(textOf(push)).toBe('请 @李雷 补充跟进');
    expect(kept().at(-1)).toMatchObject({ recipientType: 'group', payload: { mentions: ['alice'] } });
    await eventually(() => kept().every((r) => r.status === 'sent'), 3000, 'all sent');
  });

  it('keeps a note in place of a file: the outbox holds text, not bytes', async () => {
    const file = { name: '授权.错误报告.xlsx', content: Buffer.from('PK\u0003\u0004 not really a workbook') };
    await keepUndeliveredReplies(h.app, silentLogger())('wecom', { to: { kind: 'user', platformUserId: WECOM_USER.carol }, message: { file } }, lost);
    const note = '📎 文件「授权.错误报告.xlsx」没能发出。服务器上保存了一份，路径见前面的导入结果消息；需要时请管理员转发。';
    expect(kept().at(-1)).toMatchObject({ recipientType: 'staff', recipientId: 'carol', payload: { params: { text: note } } });
    await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === WECOM_USER.carol && textOf(f) === note);
  });

  it('drops a reply to someone outside the organisation: there is nobody to route it to', async () => {
    const before = kept().length;
    await keepUndeliveredReplies(h.app, silentLogger())('wecom', { to: { kind: 'user', platformUserId: 'Stranger9' }, message: { text: '你好！我还不认识你' } }, lost);
    expect(kept()).toHaveLength(before);
  });
});
