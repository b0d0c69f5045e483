import { decodeCardEvent, decodeMessage } from '../../../src/platforms/wecom/aibot/decode';
import { cardEventFrameSchema, msgFrameSchema } from '../../../src/platforms/wecom/aibot/frames';
import { fixtureFrame } from '../../fakes/wecom/fixtures';

describe('aibot frame decoding', () => {
  it('reads the documented group text frame, the leading @ being the bot', () => {
    const frame = msgFrameSchema.parse(fixtureFrame('aibot-msg-text-group.json'));
    expect(decodeMessage(frame)).toEqual({
      message: {
        platform: 'wecom',
        messageId: 'MSGID',
        senderPlatformId: 'USERID',
        chat: { platform: 'wecom', chatId: 'CHATID', kind: 'group' },
        text: 'hello robot',
        mentions: [],
      },
    });
  });

  it('finds the configured bot name anywhere and keeps the other mentions in order', () => {
    const frame = msgFrameSchema.parse(
      fixtureFrame('aibot-msg-text-group.json', { text: { content: '@李雷 @渠道助手\u2005转交给 @韩梅梅，抄送 @李雷 mail a@b.com' } }),
    );
    const decoded = decodeMessage(frame, '渠道助手');
    expect(decoded?.message.text).toBe('@李雷  转交给 @韩梅梅，抄送 @李雷 mail a@b.com');
    expect(decoded?.message.mentions).toEqual([{ name: '李雷' }, { name: '韩梅梅' }]);
  });

  it('does not strip anything in a single chat', () => {
    const frame = msgFrameSchema.parse(
      fixtureFrame('aibot-msg-text-group.json', { chattype: 'single', chatid: undefined, text: { content: '@李雷 的客户' } }),
    );
    expect(decodeMessage(frame)?.message).toMatchObject({ text: '@李雷 的客户', mentions: [{ name: '李雷' }], chat: { chatId: 'USERID', kind: 'private' } });
  });

  it('joins the text items of a mixed message', () => {
    const frame = msgFrameSchema.parse(fixtureFrame('aibot-msg-mixed-group.json'));
    expect(decodeMessage(frame)?.message.text).toBe('这是今日的测试情况');
  });

  it('leaves images to others and refuses a group frame without chatid', () => {
    const image = msgFrameSchema.parse(fixtureFrame('aibot-msg-text-group.json', { msgtype: 'image', text: undefined }));
    expect(decodeMessage(image)).toBeUndefined();
    expect(msgFrameSchema.safeParse(fixtureFrame('aibot-msg-text-group.json', { chatid: undefined })).success).toBe(false);
  });

  it('reads the nested (documented) click and lets it win over flat fields', () => {
    const frame = cardEventFrameSchema.parse(
      fixtureFrame('aibot-event-template-card.json', {
        event: { template_card_event: { event_key: 'dg1|c9|approve', task_id: 'dg_c9_x' }, event_key: 'dg1|c9|reject', task_id: 'flat' },
      }),
    );
    expect(decodeCardEvent(frame)).toEqual({
      taskId: 'dg_c9_x',
      action: {
        platform: 'wecom',
        eventId: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
        senderPlatformId: 'USERID',
        chat: { platform: 'wecom', chatId: 'CHATID', kind: 'group' },
        cardId: 'c9',
        action: 'approve',
      },
    });
  });

  it('reads the flat click, and ignores keys it did not make', () => {
    const flat = cardEventFrameSchema.parse(fixtureFrame('aibot-event-template-card-flat.json', { event: { event_key: 'dg1|c9|reject' } }));
    expect(decodeCardEvent(flat)?.action).toMatchObject({ cardId: 'c9', action: 'reject' });
    const foreign = cardEventFrameSchema.parse(fixtureFrame('aibot-event-template-card.json'));
    expect(decodeCardEvent(foreign)).toBeUndefined();
  });

  it('does not take the disconnected or enter_chat events for clicks', () => {
    expect(cardEventFrameSchema.safeParse(fixtureFrame('aibot-event-disconnected.json')).success).toBe(false);
    expect(cardEventFrameSchema.safeParse(fixtureFrame('aibot-event-enter-chat.json')).success).toBe(false);
  });
});
