// Hostile names and notes through every encoder: they must show as typed, and nothing in them may
// become a link, an image, a <font>, a heading or quote, bold, or a mention of anybody.
import type { Card } from '../../../bot-cards/card';
import { encodeCard as dingtalkCard } from '../../../src/platforms/dingtalk/encode-card';
import { cardAtUserIds, textWithMentions } from '../../../src/platforms/dingtalk/encode-text';
import { escapeMarkdownText } from '../../../src/platforms/markdown-text';
import { encodeCard as wecomCard } from '../../../src/platforms/wecom/encode/card';
import { messageParts } from '../../../src/platforms/wecom/encode/message';

const HOSTILE = [
  '[点此领取奖励](http://evil.example)科技有限公司',
  '![](http://evil.example/p.png)杭州云启',
  '<@all>紧急：请全员点击',
  '@all 今晚加班',
  '@所有人 注意',
  '<font color="info">已通过</font>',
  '<a href="http://evil.example">详情</a>',
  '# 系统公告',
  '> 审批已完成',
  '**加粗**与`代码`和~~删除~~_斜体_',
  '[领奖][1]\n[1]: http://evil.example',
];

/** What a reader sees: zero-width spaces are invisible, full-width delimiters read as the ASCII ones. */
function visible(s: string): string {
  return s.replace(/\u200b/g, '').replace(/[＊＿～｀]/g, (c) => ({ '＊': '*', '＿': '_', '～': '~', '｀': '`' })[c] ?? c);
}

/** Fails with the markup found, if any: what a WeCom / DingTalk markdown renderer would act on. */
function expectInert(markdown: string, ownBold: string[] = []): void {
  let rest = markdown;
  for (const b of ownBold) rest = rest.split(`**${b}**`).join(b);
  expect(rest).not.toMatch(/\][([:]/); // inline link, image, reference link or definition
  expect(rest).not.toMatch(/<[A-Za-z/!?@]/); // <font>, <a>, <@userid>, <@all>, comments
  expect(rest).not.toMatch(/@(?:all|所有人)/i);
  expect(rest).not.toMatch(/^ {0,3}(?:[#>\-+=|]|\d+[.)])/m); // heading, quote, list, rule, table
  expect(rest).not.toMatch(/[*_~`]/); // emphasis, strike-through, code
}

const mentions = [
  { platformUserId: 'carol', name: '陈经理' },
  { platformUserId: 'x>y<@all>', name: '<@all>[点我](http://evil.example)' },
];

describe('escapeMarkdownText', () => {
  test.each(HOSTILE)('%s shows as typed and is inert', (name) => {
    const escaped = escapeMarkdownText(name);
    expect(visible(escaped)).toBe(name);
    expectInert(escaped);
    expect(escapeMarkdownText(escaped)).toBe(escaped);
  });

  test('ordinary Chinese text, punctuation, amounts and dates are left exactly as they are', () => {
    const plain = '✅ 已提交报备「杭州云启科技（滨江）有限公司」（编号 #1），预算 120.5 万，2026-12-01 到期。\n联系人：张伟 138****5678 不会显示。';
    expect(escapeMarkdownText(plain).replace('＊＊＊＊', '****')).toBe(plain);
    expect(escapeMarkdownText('邮箱 a@allen.com，见 @李雷')).toBe('邮箱 a@allen.com，见 @李雷');
  });
});

describe('WeCom', () => {
  const opts = (mentionSyntax: 'name' | 'angle') => ({ maxMarkdownBytes: 20480, mentionSyntax, linkUrl: 'https://work.weixin.qq.com/' });

  test.each([
    ['name', '@陈经理 '],
    ['angle', '<@carol> '],
  ] as const)('markdown text (%s mentions): hostile text inert, mentions only from the list', (syntax, own) => {
    const text = HOSTILE.join('\n');
    const [part] = messageParts({ text, mentions }, opts(syntax));
    if (part?.kind !== 'markdown') throw new Error('expected markdown');
    expect(part.content.startsWith(own)).toBe(true);
    // A userid that could break out of <@…> falls back to the (escaped) name.
    const rest = part.content.slice(own.length);
    expectInert(rest);
    expect(visible(rest)).toBe(`@${mentions[1]!.name} ${text}`);
  });

  test('template card: plain fields carry the name as typed, the markdown overflow is inert', () => {
    const long = HOSTILE.join(' ');
    const card: Card = {
      id: 'c9',
      kind: 'approval',
      title: HOSTILE[0]!,
      fields: [{ label: '公司', value: HOSTILE[2]! }, { label: '备注', value: long }],
      sections: [{ title: HOSTILE[5]!, fields: [{ label: '备注', value: HOSTILE[1]! }], buttons: [] }],
      buttons: [],
      footer: HOSTILE[3]!,
    };
    const { templateCard, overflowText } = wecomCard(card, { taskId: 't1', linkUrl: 'https://work.weixin.qq.com/', mentions });
    expect(templateCard.horizontal_content_list?.[0]).toEqual({ keyname: '公司', value: HOSTILE[2] });
    expect(templateCard.main_title.title.startsWith('[点此领取奖励](http')).toBe(true);
    // The only link is the bot's own click target; the only member row is the mentioned userid.
    expect(templateCard.card_action).toEqual({ type: 1, url: 'https://work.weixin.qq.com/' });
    expect(JSON.stringify(templateCard)).not.toContain('"url":"http://evil');
    expect(overflowText).toBeDefined();
    expectInert(overflowText!, [escapeMarkdownText(card.title)]);
    expect(visible(overflowText!)).toContain(long);
    // Sent as markdown beside the card, escaped once: no doubled zero-width spaces.
    const parts = messageParts({ card, mentions }, opts('name'));
    const md = parts.find((p) => p.kind === 'markdown');
    expect(md?.kind === 'markdown' && md.content).toBe(overflowText);
  });
});

describe('DingTalk', () => {
  test('card body markdown is inert; text components carry the name as typed', () => {
    const card: Card = {
      id: 'c9',
      kind: 'notice',
      title: HOSTILE[0]!,
      subtitle: HOSTILE[2]!,
      fields: HOSTILE.map((value, i) => ({ label: i === 0 ? '公司' : HOSTILE[6]!, value })),
      sections: [{ title: HOSTILE[5]!, fields: [{ label: '备注', value: HOSTILE[3]! }], buttons: [{ action: 'followup:1', label: '跟进' }] }],
      buttons: [],
      footer: HOSTILE[4]!,
    };
    const { params } = dingtalkCard(card, HOSTILE.join('\n'));
    expectInert(params.body!, ['公司', escapeMarkdownText(HOSTILE[6]!), escapeMarkdownText(HOSTILE[5]!)]);
    for (const h of HOSTILE) expect(visible(params.body!)).toContain(h);
    expect(params).toMatchObject({ title: HOSTILE[0], subtitle: HOSTILE[2], footer: HOSTILE[4] });
  });

  test('robot text: typed @all and @userId notify nobody; mentions come from the list only', () => {
    const out = textWithMentions('「@all 今晚加班 @carol」已被 @陈经理 报备', [mentions[0]!]);
    expect(out.match(/@carol/g)).toHaveLength(1);
    expect(out.match(/@all/g)).toBeNull();
    expect(out.endsWith('已被 @carol 报备')).toBe(true);
    expect(visible(out)).toBe('「@all 今晚加班 @carol」已被 @carol 报备');
    expect(cardAtUserIds([mentions[0]!])).toEqual({ carol: '陈经理' });
  });
});
