import { messageParts } from '../../../src/platforms/wecom/encode/message';
import { markdownWithMentions, splitByBytes, truncateChars } from '../../../src/platforms/wecom/encode/text';

describe('text shaping', () => {
  it('splits long text into chunks within the byte limit, at line breaks, never inside a character', () => {
    const text = Array.from({ length: 300 }, (_, i) => `第${i}行：杭州云启科技有限公司 保护期至 2026-12-01`).join('\n');
    const chunks = splitByBytes(text, 2048);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(Buffer.byteLength(c)).toBeLessThanOrEqual(2048);
    expect(chunks.join('\n')).toBe(text);
    expect(chunks.every((c) => !c.startsWith('\n') && !c.endsWith('\n'))).toBe(true);
  });

  it('cuts a text without line breaks at a character boundary', () => {
    const chunks = splitByBytes('字'.repeat(1000), 100);
    expect(chunks.every((c) => Buffer.byteLength(c) <= 100 && !c.includes('\uFFFD'))).toBe(true);
    expect(chunks.join('')).toBe('字'.repeat(1000));
  });

  it('truncates by characters with an ellipsis', () => {
    expect(truncateChars('杭州云启科技有限公司', 5)).toBe('杭州云启…');
    expect(truncateChars('短', 5)).toBe('短');
  });

  it('puts the mentions first, as readable names or the group-robot <@userid> form when asked', () => {
    const mentions = [{ platformUserId: 'alice', name: '李雷' }, { platformUserId: 'carol', name: '陈经理' }];
    expect(markdownWithMentions('请审批', mentions, 'name')).toBe('@李雷 @陈经理 请审批');
    expect(markdownWithMentions('请审批', mentions, 'angle')).toBe('<@alice> <@carol> 请审批');
    expect(markdownWithMentions('', mentions, 'name')).toBe('@李雷 @陈经理');
    expect(markdownWithMentions('请审批', [], 'angle')).toBe('请审批');
    // A name already shown is not repeated; an angle mention never comes from the text.
    expect(markdownWithMentions('请 @陈经理 审批', mentions, 'name')).toBe('@李雷 请 @陈经理 审批');
    expect(markdownWithMentions('请 @carol 审批', mentions, 'angle')).toBe('<@alice> <@carol> 请 @carol 审批');
  });

  it('turns a message into markdown chunks, then the card', () => {
    const parts = messageParts(
      { text: 'x'.repeat(30), card: { id: 'c1', kind: 'notice', title: 't', fields: [], buttons: [] } },
      { maxMarkdownBytes: 20, mentionSyntax: 'name', linkUrl: 'https://example.com/' },
    );
    expect(parts.map((p) => p.kind)).toEqual(['markdown', 'markdown', 'card']);
    expect(messageParts({}, { maxMarkdownBytes: 20, mentionSyntax: 'name', linkUrl: 'https://example.com/' })).toEqual([]);
  });
});
