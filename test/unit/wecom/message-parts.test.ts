// OutboundMessage → WeCom parts: text first, then the card, then the file.
import type { Card } from '../../../bot-cards/card';
import { messageParts, withFreshTaskId, type Part } from '../../../src/platforms/wecom/encode/message';

const opts = { maxMarkdownBytes: 2048, mentionSyntax: 'name' as const, linkUrl: 'https://work.weixin.qq.com/' };
const card: Card = { id: 'c7', kind: 'authorization', title: '代理授权：台州海港科技', fields: [{ label: '合同编号', value: 'HT-1' }], buttons: [] };
const report = { name: '授权.错误报告.xlsx', content: Buffer.from('PK\u0003\u0004 report') };
const kinds = (parts: Part[]) => parts.map((p) => p.kind);

describe('messageParts', () => {
  it('orders markdown, card, file', () => {
    const parts = messageParts({ text: '📥 导入完成；错误 1 处。', card, file: report }, opts);
    expect(kinds(parts)).toEqual(['markdown', 'card', 'file']);
    expect(parts[0]).toEqual({ kind: 'markdown', content: '📥 导入完成；错误 1 处。' });
    expect(parts[1]).toMatchObject({ kind: 'card', card, templateCard: { main_title: { title: '代理授权：台州海港科技' } } });
    // The very file object: the upload cache is keyed by it.
    expect(parts[2]).toEqual({ kind: 'file', file: report });
    expect(parts[2]?.kind === 'file' && parts[2].file).toBe(report);
  });

  it('puts the file after every chunk of a long text', () => {
    const text = Array.from({ length: 300 }, (_, i) => `第 ${i + 2} 行「负责人」：负责人不在组织架构中`).join('\n');
    const parts = messageParts({ text, file: report }, opts);
    expect(parts.length).toBeGreaterThan(3);
    expect(kinds(parts)).toEqual([...Array(parts.length - 1).fill('markdown'), 'file']);
    expect(parts.slice(0, -1).map((p) => (p.kind === 'markdown' ? p.content : '')).join('\n')).toBe(text);
  });

  it('sends a file alone as one file part, with no empty text before it', () => {
    expect(messageParts({ file: report }, opts)).toEqual([{ kind: 'file', file: report }]);
    expect(messageParts({ text: '  ', file: report }, opts)).toEqual([{ kind: 'file', file: report }]);
  });

  it('keeps a retried file part as it was (only cards get a fresh task_id)', () => {
    const [md, cardPart, filePart] = messageParts({ text: 'x', card, file: report }, opts) as [Part, Part, Part];
    expect(withFreshTaskId(filePart)).toBe(filePart);
    expect(withFreshTaskId(md)).toBe(md);
    const fresh = withFreshTaskId(cardPart);
    expect(fresh.kind === 'card' && cardPart.kind === 'card' && fresh.templateCard.task_id !== cardPart.templateCard.task_id).toBe(true);
  });
});
