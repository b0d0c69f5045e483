// The real @wecom/aibot-node-sdk against a fake WeCom long-connection server on 127.0.0.1.
import type { Card } from '../../../bot-cards/card';
import { silentLogger } from '../../../src/log/logger';
import { SendError } from '../../../src/platforms/types';
import { createWecomPlatform, type WecomPlatform } from '../../../src/platforms/wecom';
import { parseButtonKey } from '../../../src/platforms/wecom/encode/card-key';
import { FakeAibotServer } from '../../fakes/wecom/aibot-server';
import { aibotTestConfig } from '../../fakes/wecom/config';
import { fixtureFrame } from '../../fakes/wecom/fixtures';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';

const approvalCard: Card = {
  id: 'c17',
  kind: 'approval',
  title: '客户报备审批',
  tone: 'info',
  fields: [
    { label: '客户', value: '杭州云启科技有限公司' },
    { label: '报备人', value: '李雷' },
  ],
  buttons: [
    { action: 'approve', label: '通过', style: 'primary' },
    { action: 'reject', label: '驳回', style: 'danger', input: { prompt: '驳回原因', required: true } },
  ],
};

interface StreamBody {
  msgtype: string;
  stream: { id: string; finish: boolean; content: string };
}

describe('WeCom intelligent bot over the long connection', () => {
  let server: FakeAibotServer;
  let platform: WecomPlatform;
  let handlers: ScriptedHandlers;

  beforeEach(async () => {
    server = await FakeAibotServer.start();
    handlers = new ScriptedHandlers();
    platform = createWecomPlatform(aibotTestConfig(server.url), { logger: silentLogger() });
    await platform.start(handlers);
  });

  afterEach(async () => {
    await platform.stop();
    await server.close();
  });

  it('subscribes with the bot id and secret and reports connected', async () => {
    const subscribe = server.frames('aibot_subscribe')[0];
    expect(subscribe?.body).toEqual({ bot_id: 'bot-test', secret: 'secret-test' });
    expect(platform.health()).toMatchObject({ platform: 'wecom', state: 'connected' });
  });

  it('decodes a group message and answers in that group, bound to its req_id', async () => {
    const frame = fixtureFrame('aibot-msg-text-group.json', {
      msgid: 'm-1',
      chatid: 'wr-east',
      from: { userid: 'alice' },
      text: { content: '@渠道助手 报备 杭州云启科技 @陈经理\u2005@韩梅梅 请审批' },
    });
    const reqId = server.pushMessage(frame.body);

    const reply = await server.waitFor((f) => f.cmd === 'aibot_respond_msg');
    expect(handlers.messages).toEqual([
      {
        platform: 'wecom',
        messageId: 'm-1',
        senderPlatformId: 'alice',
        chat: { platform: 'wecom', chatId: 'wr-east', kind: 'group' },
        text: '报备 杭州云启科技 @陈经理 @韩梅梅 请审批',
        mentions: [{ name: '陈经理' }, { name: '韩梅梅' }],
      },
    ]);
    expect(reply.headers.req_id).toBe(reqId);
    const body = reply.body as unknown as StreamBody;
    expect(body.msgtype).toBe('stream');
    expect(body.stream.finish).toBe(true);
    expect(body.stream.content).toBe('echo: 报备 杭州云启科技 @陈经理 @韩梅梅 请审批');
  });

  it('replies with a template card and tells the bot where the card went', async () => {
    handlers.answerMessage = () => ({ replies: [{ card: approvalCard }] });
    const reqId = server.pushMessage(fixtureFrame('aibot-msg-text-group.json', { msgid: 'm-2', chatid: 'wr-east', from: { userid: 'alice' } }).body);

    const reply = await server.waitFor((f) => f.cmd === 'aibot_respond_msg');
    await handlers.until(() => handlers.delivered.length === 1);
    expect(reply.headers.req_id).toBe(reqId);
    const card = (reply.body as { template_card: Record<string, unknown> }).template_card;
    expect(card).toMatchObject({ card_type: 'button_interaction', main_title: { title: '客户报备审批' } });
    const buttons = card.button_list as { text: string; key: string; style: number }[];
    expect(buttons.map((b) => [b.text, parseButtonKey(b.key)])).toEqual([
      ['通过', { cardId: 'c17', action: 'approve' }],
      ['驳回', { cardId: 'c17', action: 'reject' }],
    ]);
    expect(handlers.delivered[0]).toEqual({
      cardId: 'c17',
      platform: 'wecom',
      to: { kind: 'chat', chatId: 'wr-east' },
      receipt: { cardRef: `aibot:${String(card.task_id)}` },
    });
  });

  it('routes a click to onCardAction with the clicker and updates the card with the event req_id', async () => {
    handlers.answerAction = (action) => ({
      updatedCard: { ...approvalCard, buttons: [], footer: `已通过 · ${action.senderPlatformId}` },
      replies: [{ text: '已通过，保护期 30 天', mentions: [{ platformUserId: 'alice', name: '李雷' }] }],
    });
    const approveKey = 'dg1|c17|approve';
    const reqId = server.pushEvent(
      fixtureFrame('aibot-event-template-card.json', {
        msgid: 'e-1',
        chatid: 'wr-east',
        from: { userid: 'carol' },
        event: { template_card_event: { event_key: approveKey, task_id: 'dg_c17_task1' } },
      }).body,
    );

    const update = await server.waitFor((f) => f.cmd === 'aibot_respond_update_msg');
    const receivedAt = Date.now();
    expect(handlers.actions).toEqual([
      {
        platform: 'wecom',
        eventId: 'e-1',
        senderPlatformId: 'carol',
        chat: { platform: 'wecom', chatId: 'wr-east', kind: 'group' },
        cardId: 'c17',
        action: 'approve',
      },
    ]);
    expect(update.headers.req_id).toBe(reqId);
    expect(update.body).toMatchObject({
      response_type: 'update_template_card',
      template_card: { card_type: 'text_notice', task_id: 'dg_c17_task1', sub_title_text: expect.stringContaining('已通过 · carol') },
    });
    const push = await server.waitFor((f) => f.cmd === 'aibot_send_msg');
    expect(push.body).toEqual({ chatid: 'wr-east', chat_type: 2, msgtype: 'markdown', markdown: { content: '@李雷 已通过，保护期 30 天' } });
    expect(Date.now() - receivedAt).toBeLessThan(5000);
  });

  it('posts the updated card as a new message when WeCom refuses the in-place update', async () => {
    handlers.answerAction = () => ({ updatedCard: { ...approvalCard, buttons: [], footer: '已通过' }, replies: [] });
    server.failNext('aibot_respond_update_msg', 846605, 'invalid req_id');
    server.pushEvent(
      fixtureFrame('aibot-event-template-card.json', {
        msgid: 'e-late',
        chatid: 'wr-east',
        from: { userid: 'carol' },
        event: { template_card_event: { event_key: 'dg1|c17|approve', task_id: 'dg_c17_old' } },
      }).body,
    );
    const repost = await server.waitFor((f) => f.cmd === 'aibot_send_msg');
    const card = (repost.body as { template_card: { task_id: string; sub_title_text: string } }).template_card;
    expect(card.sub_title_text).toContain('已通过');
    expect(card.task_id).not.toBe('dg_c17_old');
    await handlers.until(() => handlers.delivered.length === 1);
    expect(handlers.delivered[0]).toMatchObject({ cardId: 'c17', to: { kind: 'chat', chatId: 'wr-east' }, receipt: { cardRef: `aibot:${card.task_id}` } });
  });

  it('falls back to a markdown reply when the client refuses stream replies (600039)', async () => {
    server.failNext('aibot_respond_msg', 600039, 'device type not support');
    const reqId = server.pushMessage(fixtureFrame('aibot-msg-text-group.json', { msgid: 'm-600039', chatid: 'wr-east' }).body);
    const markdown = await server.waitFor((f) => f.cmd === 'aibot_respond_msg' && (f.body as { msgtype?: string }).msgtype === 'markdown');
    expect(markdown.headers.req_id).toBe(reqId);
    expect(markdown.body).toEqual({ msgtype: 'markdown', markdown: { content: 'echo: hello robot' } });
  });

  it('reads the flat click shape the SDK types describe', async () => {
    server.pushEvent(
      fixtureFrame('aibot-event-template-card-flat.json', { chatid: 'wr-east', from: { userid: 'carol' }, event: { event_key: 'dg1|c17|reject', task_id: 't-flat' } }).body,
    );
    await handlers.until(() => handlers.actions.length === 1);
    expect(handlers.actions[0]).toMatchObject({ cardId: 'c17', action: 'reject', senderPlatformId: 'carol' });
  });

  it('pushes to a group with the mentioned names readable, and a card with member rows', async () => {
    const receipt = await platform.send({
      to: { kind: 'chat', chatId: 'wr-east' },
      message: { text: '3 位客户的保护期将在明天到期', mentions: [{ platformUserId: 'alice', name: '李雷' }, { platformUserId: 'bob', name: '韩梅梅' }] },
    });
    expect(receipt).toEqual({});
    const text = await server.waitFor((f) => f.cmd === 'aibot_send_msg');
    expect(text.body).toEqual({
      chatid: 'wr-east',
      chat_type: 2,
      msgtype: 'markdown',
      markdown: { content: '@李雷 @韩梅梅 3 位客户的保护期将在明天到期' },
    });

    const cardReceipt = await platform.send({
      to: { kind: 'user', platformUserId: 'carol' },
      message: { card: approvalCard, mentions: [{ platformUserId: 'alice', name: '李雷' }] },
    });
    const cardFrame = await server.waitFor((f) => f.cmd === 'aibot_send_msg' && (f.body as { msgtype?: string }).msgtype === 'template_card');
    const body = cardFrame.body as { chatid: string; chat_type: number; template_card: { task_id: string; horizontal_content_list: unknown[] } };
    expect([body.chatid, body.chat_type]).toEqual(['carol', 1]);
    expect(body.template_card.horizontal_content_list).toContainEqual({ type: 3, keyname: '提醒', value: '李雷', userid: 'alice' });
    expect(cardReceipt).toEqual({ cardRef: `aibot:${body.template_card.task_id}` });
    await expect(platform.updateCard(cardReceipt.cardRef as string, { kind: 'user', platformUserId: 'carol' }, approvalCard)).resolves.toBe('expired');
  });

  it('handles a redelivered frame once', async () => {
    const body = fixtureFrame('aibot-msg-text-group.json', { msgid: 'm-dup', chatid: 'wr-east' }).body;
    server.pushMessage(body);
    server.pushMessage(body);
    server.pushMessage(fixtureFrame('aibot-msg-text-group.json', { msgid: 'm-after', chatid: 'wr-east' }).body);
    await handlers.until(() => handlers.messages.some((m) => m.messageId === 'm-after'));
    expect(handlers.messages.map((m) => m.messageId)).toEqual(['m-dup', 'm-after']);
  });

  it('drops a malformed frame and goes on', async () => {
    server.pushMessage({ msgid: 'm-bad', chattype: 'group', from: { userid: 'alice' }, msgtype: 'text', text: { content: 'no chatid' } });
    server.pushMessage({ chattype: 'single', msgtype: 'text' });
    server.pushMessage(fixtureFrame('aibot-msg-text-group.json', { msgid: 'm-good', chatid: 'wr-east' }).body);
    await handlers.until(() => handlers.messages.length === 1);
    expect(handlers.messages[0]?.messageId).toBe('m-good');
  });

  it('classifies errcodes: rate limit is retryable with retryAfterMs, an invalid chatid is permanent', async () => {
    server.failNext('aibot_send_msg', 45009, 'api freq out of limit');
    const limited = await platform.send({ to: { kind: 'chat', chatId: 'wr-east' }, message: { text: 'x' } }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SendError);
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 60_000, code: 'wecom_45009' });

    server.failNext('aibot_send_msg', 93006, 'invalid chatid');
    const gone = await platform.send({ to: { kind: 'chat', chatId: 'wr-gone' }, message: { text: 'x' } }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ retryable: false, code: 'wecom_93006' });
  });
});

