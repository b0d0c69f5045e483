// The templates in bot-cards/dingtalk/ and the encoder must agree on variable names, and every
// button must send back what decodeCardCallback reads (action, cardId, remark).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUTTON_SLOTS, encodeCard } from '../../../src/platforms/dingtalk/encode-card';

interface Param {
  name: string;
  type: string;
  value: string;
}
interface Template {
  buttonSlots: number;
  callbackType: string;
  variables: Array<{ name: string; type: string }>;
  layout: Array<{ component: string; id?: string; buttons?: Array<{ text: string; onClick: { type: string; params: Param[] } }> }>;
}

const load = (name: string): Template =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'bot-cards', 'dingtalk', name), 'utf8')) as Template;

const emitted = Object.keys(
  encodeCard({ id: 'c1', kind: 'approval', title: 't', fields: [], buttons: [{ action: 'approve', label: '通过' }] }).params,
);

describe.each(['approval.template.json', 'notice.template.json'])('%s', (file) => {
  const template = load(file);
  const buttons = template.layout.flatMap((c) => c.buttons ?? []);

  test('declares only variables the encoder sends, all strings', () => {
    const names = template.variables.map((v) => v.name);
    expect(names.filter((n) => !emitted.includes(n))).toEqual([]);
    expect(template.variables.every((v) => v.type === 'String')).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  test('has the button slots it announces, each sending action and cardId back over Stream', () => {
    expect(template.callbackType).toBe('STREAM');
    expect(buttons).toHaveLength(template.buttonSlots);
    expect(template.buttonSlots).toBeLessThanOrEqual(BUTTON_SLOTS);
    buttons.forEach((b, i) => {
      const params = Object.fromEntries(b.onClick.params.map((p) => [p.name, p]));
      expect(b.text).toBe(`\${btn${i + 1}Label}`);
      expect(b.onClick.type).toBe('回传请求');
      expect(params.action).toMatchObject({ type: '变量', value: `btn${i + 1}Action` });
      expect(params.cardId).toMatchObject({ type: '变量', value: 'cardId' });
      expect(params.remark?.value).toBe('remark');
    });
  });

  test('the remark param comes from an input the template has', () => {
    expect(template.layout.some((c) => c.component === '输入框' && c.id === 'remark')).toBe(true);
  });
});
