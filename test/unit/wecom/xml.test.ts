import { child, childTexts, parseXml, XmlError } from '../../../src/platforms/wecom/app/xml';
import { fixtureXml } from '../../fakes/wecom/fixtures';

describe('callback XML', () => {
  it('reads the documented text message', () => {
    const root = parseXml(fixtureXml('app-msg-text.xml'));
    expect(root.name).toBe('xml');
    expect(childTexts(root)).toEqual({
      ToUserName: 'toUser',
      FromUserName: 'fromUser',
      CreateTime: '1348831860',
      MsgType: 'text',
      Content: 'this is a test',
      MsgId: '1234567890123456',
      AgentID: '1',
    });
  });

  it('reads nested SelectedItems of the documented card event', () => {
    const root = parseXml(fixtureXml('app-event-template-card.xml'));
    const items = child(root, 'SelectedItems')?.children ?? [];
    expect(items.map((i) => child(i, 'OptionIds')?.children.map((o) => o.text))).toEqual([
      ['OptionId1', 'OptionId2'],
      ['OptionId3', 'OptionId4'],
    ]);
    expect(childTexts(root).ResponseCode).toBe('ResponseCode');
  });

  it('keeps CDATA verbatim and decodes entities in text', () => {
    const root = parseXml('<?xml version="1.0"?><xml><A><![CDATA[<b>&amp;]]></A><B>1 &lt; 2 &amp; &#x4E2D;&#25991;</B><C/></xml>');
    expect(childTexts(root)).toEqual({ A: '<b>&amp;', B: '1 < 2 & 中文', C: '' });
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml>&e;</xml>'],
    ['mismatched tags', '<xml><A>1</B></xml>'],
    ['an unterminated element', '<xml><A>1</A>'],
    ['content after the root', '<xml/><xml/>'],
    ['plain text', 'hello'],
    ['an unknown entity left raw', '<xml><A>&#xFFFFFFF;</A></xml>'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseXml(text)).toThrow(XmlError);
  });

  it('refuses nesting deeper than 16', () => {
    expect(() => parseXml('<a>'.repeat(20) + '</a>'.repeat(20))).toThrow(/too deep/);
  });
});
