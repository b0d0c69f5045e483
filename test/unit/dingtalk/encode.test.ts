import type { Card } from '../../../bot-cards/card';
import { BUTTON_SLOTS, encodeCard } from '../../../src/platforms/dingtalk/encode-card';
import { cardAtUserIds, textWithMentions, uniqueMentions } from '../../../src/platforms/dingtalk/encode-text';

const approval: Card = {
  id: 'c17',
  kind: 'approval',
  title: '客户报备审批',
  subtitle: '李雷 提交',
  tone: 'warning',
  fields: [{ label: '公司', value: '杭州云启科技有限公司' }, { label: '预算', value: '120 万' }],
  buttons: [
    { action: 'approve', label: '通过', style: 'primary' },
    { action: 'reject', label: '驳回', style: 'danger', input: { prompt: '驳回原因', required: true } },
  ],
};

describe('encodeCard', () => {
  test('every value is a string and every slot key is present', () => {
    const { params, dropped } = encodeCard(approval);
    expect(dropped).toEqual([]);
    expect(Object.values(params).every((v) => typeof v === 'string')).toBe(true);
    for (let n = 1; n <= BUTTON_SLOTS; n++) {
      expect(Object.keys(params)).toEqual(expect.arrayContaining([`btn${n}Label`, `btn${n}Action`, `btn${n}Style`, `btn${n}NeedsInput`]));
    }
    expect(params).toMatchObject({
      cardId: 'c17',
      kind: 'approval',
      title: '客户报备审批',
      subtitle: '李雷 提交',
      tone: 'warning',
      body: '**公司**：杭州云启科技有限公司  \n**预算**：120 万',
      footer: '',
      inputPrompt: '驳回原因',
      inputRequired: 'true',
      buttonCount: '2',
      btn1Label: '通过',
      btn1Action: 'approve',
      btn1Style: 'primary',
      btn1NeedsInput: 'false',
      btn2Label: '驳回',
      btn2Action: 'reject',
      btn2Style: 'danger',
      btn2NeedsInput: 'true',
      btn3Label: '',
      btn3Action: '',
      btn3Style: '',
    });
  });

  test('a decided card clears its buttons and input and shows the footer', () => {
    const { params } = encodeCard({ ...approval, buttons: [], footer: '已通过 · 陈经理 · 11-25 10:30' });
    expect(params).toMatchObject({ footer: '已通过 · 陈经理 · 11-25 10:30', buttonCount: '0', btn1Label: '', btn2Label: '', inputPrompt: '', inputRequired: 'false' });
  });

  test('digest sections become markdown blocks; their buttons are labelled with the item', () => {
    const digest: Card = {
      id: 'd1',
      kind: 'digest',
      title: '今日提醒（2）',
      fields: [],
      buttons: [],
      sections: [
        { title: '杭州云启', fields: [{ label: '到期', value: '11-28' }], buttons: [{ action: 'extend:4', label: '申请延期' }] },
        { title: '宁波海纳', fields: [{ label: '到期', value: '11-29' }], buttons: [{ action: 'followup:5', label: '跟进' }] },
      ],
    };
    const { params } = encodeCard(digest, '你有 2 个客户即将到期');
    expect(params.body).toBe('你有 2 个客户即将到期\n\n**杭州云启**  \n到期：11-28\n\n**宁波海纳**  \n到期：11-29');
    expect(params).toMatchObject({ btn1Label: '杭州云启 · 申请延期', btn1Action: 'extend:4', btn2Label: '宁波海纳 · 跟进', btn2Action: 'followup:5', btn2Style: 'default' });
  });

  test('buttons beyond the template slots are reported, not silently lost', () => {
    const many: Card = { ...approval, buttons: Array.from({ length: BUTTON_SLOTS + 2 }, (_, i) => ({ action: `a${i}`, label: `b${i}` })) };
    const { params, dropped } = encodeCard(many);
    expect(params[`btn${BUTTON_SLOTS}Action`]).toBe(`a${BUTTON_SLOTS - 1}`);
    expect(dropped.map((b) => b.action)).toEqual([`a${BUTTON_SLOTS}`, `a${BUTTON_SLOTS + 1}`]);
  });
});

describe('mentions', () => {
  const alice = { platformUserId: 'alice', name: '李雷' };
  const carol = { platformUserId: 'carol', name: '陈经理' };

  test('a typed @name becomes @userId; an absent one is appended', () => {
    expect(textWithMentions('@李雷 请跟进', [alice, carol])).toBe('@alice 请跟进 @carol');
    expect(textWithMentions('请跟进\n', [alice])).toBe('请跟进\n@alice');
    expect(textWithMentions('请跟进', [])).toBe('请跟进');
  });

  test('only the first occurrence is replaced; an @userId already in the text is not a mention', () => {
    expect(textWithMentions('@李雷 和 @李雷', [alice])).toBe('@alice 和 @李雷');
    expect(textWithMentions('请 @alice 处理', [alice])).toBe('请 @\u200balice 处理 @alice');
  });

  test('duplicates are dropped; atUserIds maps id → name', () => {
    const unique = uniqueMentions([alice, carol, { ...alice, name: 'x' }]);
    expect(unique).toEqual([alice, carol]);
    expect(cardAtUserIds(unique)).toEqual({ alice: '李雷', carol: '陈经理' });
  });
});
