import { decodeAppCallback, MalformedCallback } from '../../../src/platforms/wecom/app/decode';
import { parseXml } from '../../../src/platforms/wecom/app/xml';
import { fixtureXml } from '../../fakes/wecom/fixtures';

describe('application callback decoding', () => {
  it('turns the documented text message into a private IncomingMessage', () => {
    expect(decodeAppCallback(parseXml(fixtureXml('app-msg-text.xml')), 1)).toEqual({
      kind: 'message',
      message: {
        platform: 'wecom',
        messageId: '1234567890123456',
        senderPlatformId: 'fromUser',
        chat: { platform: 'wecom', chatId: 'fromUser', kind: 'private' },
        text: 'this is a test',
        mentions: [],
      },
    });
  });

  it('turns a click on a dealguard card into a CardAction with the click ResponseCode', () => {
    const xml = fixtureXml('app-event-template-card.xml').replace('key111', 'dg1|c17|followup%3A12');
    expect(decodeAppCallback(parseXml(xml), 1)).toEqual({
      kind: 'click',
      taskId: 'taskid111',
      responseCode: 'ResponseCode',
      action: {
        platform: 'wecom',
        eventId: 'FromUser:123456789:taskid111:dg1|c17|followup%3A12',
        senderPlatformId: 'FromUser',
        chat: { platform: 'wecom', chatId: 'FromUser', kind: 'private' },
        cardId: 'c17',
        action: 'followup:12',
      },
    });
  });

  it('ignores clicks on cards it did not make, other agents and other events', () => {
    expect(decodeAppCallback(parseXml(fixtureXml('app-event-template-card.xml')), 1)).toMatchObject({ kind: 'ignored' });
    expect(decodeAppCallback(parseXml(fixtureXml('app-msg-text.xml')), 2)).toMatchObject({ kind: 'ignored', reason: 'agent 1' });
    const enter = '<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><AgentID>1</AgentID></xml>';
    expect(decodeAppCallback(parseXml(enter), 1)).toEqual({ kind: 'ignored', reason: 'event/enter_agent' });
  });

  it('calls incomplete callbacks malformed', () => {
    expect(() => decodeAppCallback(parseXml('<xml><MsgType>text</MsgType></xml>'), 1)).toThrow(MalformedCallback);
    const noContent = '<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>9</MsgId></xml>';
    expect(() => decodeAppCallback(parseXml(noContent), 1)).toThrow(MalformedCallback);
    expect(() => decodeAppCallback(parseXml('<root/>'), 1)).toThrow(MalformedCallback);
  });
});
