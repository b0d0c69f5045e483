import type { Card } from '../../../bot-cards/card';
import { CARD_LIMITS, encodeCard } from '../../../src/platforms/wecom/encode/card';
import { buttonKey, newTaskId, parseButtonKey } from '../../../src/platforms/wecom/encode/card-key';
import { charLength } from '../../../src/platforms/wecom/encode/text';

const opts = { taskId: 'dg_c1_t', linkUrl: 'https://work.weixin.qq.com/' };

const digest: Card = {
  id: 'c1',
  kind: 'digest',
  title: '今日待处理事项汇总：华东销售团队报备审批与保护期提醒',
  subtitle: '陈经理 · 2026-11-25 09:00 每日汇总，请在今天内完成处理',
  tone: 'warning',
  fields: [
    { label: '待审批', value: '4' },
    { label: '将到期', value: '2' },
    { label: '统一社会信用代码', value: '91330106MA2H0B7X4K' },
  ],
  sections: [1, 2, 3, 4].map((n) => ({
    title: `客户${n}`,
    fields: [{ label: '报备人', value: '李雷' }],
    buttons: [
      { action: `approve:${n}`, label: '通过', style: 'primary' as const },
      { action: `reject:${n}`, label: '驳回', style: 'danger' as const },
    ],
  })),
  buttons: [],
  footer: '处理后卡片会自动更新',
};

describe('card encoding', () => {
  it('keeps every WeCom limit and loses nothing: what does not fit goes into text', () => {
    const { templateCard, overflowText } = encodeCard(digest, opts);
    expect(templateCard.card_type).toBe('button_interaction');
    expect(charLength(templateCard.main_title.title)).toBeLessThanOrEqual(CARD_LIMITS.title);
    expect(charLength(templateCard.main_title.desc ?? '')).toBeLessThanOrEqual(CARD_LIMITS.subtitle);
    expect(charLength(templateCard.sub_title_text ?? '')).toBeLessThanOrEqual(CARD_LIMITS.text);
    expect(templateCard.button_list).toHaveLength(6);
    for (const b of templateCard.button_list ?? []) expect(charLength(b.text)).toBeLessThanOrEqual(CARD_LIMITS.buttonText);
    expect(templateCard.horizontal_content_list).toEqual([
      { keyname: '待审批', value: '4' },
      { keyname: '将到期', value: '2' },
    ]);
    expect(templateCard.button_list?.map((b) => b.text)).toEqual(['1·通过', '1·驳回', '2·通过', '2·驳回', '3·通过', '3·驳回']);
    expect(templateCard.button_list?.map((b) => b.style)).toEqual([1, 3, 1, 3, 1, 3]);
    expect(overflowText).toContain(digest.title);
    expect(overflowText).toContain('统一社会信用代码：91330106MA2H0B7X4K');
    expect(overflowText).toContain('4. 客户4（报备人：李雷）');
    expect(overflowText).toContain('未显示：4·通过、4·驳回');
    expect(templateCard.source).toEqual({ desc: 'dealguard', desc_color: 2 });
  });

  it('makes a card without buttons a text_notice that links somewhere, as WeCom requires', () => {
    const { templateCard, overflowText } = encodeCard({ id: 'c2', kind: 'notice', title: '已通过', fields: [], buttons: [], footer: '陈经理 11-25 10:30' }, opts);
    expect(templateCard).toEqual({
      card_type: 'text_notice',
      source: { desc: 'dealguard', desc_color: 0 },
      main_title: { title: '已通过' },
      sub_title_text: '陈经理 11-25 10:30',
      card_action: { type: 1, url: 'https://work.weixin.qq.com/' },
      task_id: 'dg_c1_t',
    });
    expect(overflowText).toBeUndefined();
  });

  it('keeps button keys unique when one card shows the same action twice', () => {
    const card: Card = {
      id: 'c3',
      kind: 'digest',
      title: 't',
      fields: [],
      buttons: [{ action: 'ack', label: '知道了' }],
      sections: [{ title: 's', fields: [], buttons: [{ action: 'ack', label: '知道了' }] }],
    };
    const keys = encodeCard(card, opts).templateCard.button_list?.map((b) => b.key) ?? [];
    expect(new Set(keys).size).toBe(2);
    expect(keys.map(parseButtonKey)).toEqual([
      { cardId: 'c3', action: 'ack' },
      { cardId: 'c3', action: 'ack' },
    ]);
  });
});

describe('button keys and task ids', () => {
  it('round-trips any card id and action', () => {
    for (const ref of [{ cardId: 'c17', action: 'approve' }, { cardId: 'a|b', action: 'followup:12|x' }, { cardId: '卡片', action: '通过' }]) {
      expect(parseButtonKey(buttonKey(ref))).toEqual(ref);
    }
    expect(buttonKey({ cardId: 'c17', action: 'followup:12' })).toBe('dg1|c17|followup%3A12');
  });

  it('refuses keys it did not make', () => {
    for (const key of ['button_replace_text', 'dg1|c17', 'dg2|c17|approve', 'dg1||approve', 'dg1|%E0%A4%A|x']) {
      expect(parseButtonKey(key)).toBeUndefined();
    }
  });

  it('makes unique task ids in WeCom charset within 128 bytes', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newTaskId('报备/c17 :x'.repeat(20))));
    expect(ids.size).toBe(100);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9A-Za-z_\-@]+$/);
      expect(Buffer.byteLength(id)).toBeLessThanOrEqual(128);
    }
  });
});
