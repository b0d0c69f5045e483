import type { FormClass, OrgForm } from './types';

// 组织形式 suffixes (after normalisation: simplified, lower-case, no spaces or punctuation).
// `group` marks the 集团 wordings. Matching takes the longest suffix.
interface FormWord { word: string; name: string; cls: FormClass; group?: boolean }

const FORM_WORDS: readonly FormWord[] = [
  { word: '集团股份有限公司', name: '股份有限公司', cls: 'company', group: true },
  { word: '集团有限责任公司', name: '有限公司', cls: 'company', group: true },
  { word: '集团有限公司', name: '有限公司', cls: 'company', group: true },
  { word: '集团公司', name: '公司', cls: 'company', group: true },
  { word: '集团', name: '', cls: 'company', group: true },
  { word: '股份有限公司', name: '股份有限公司', cls: 'company' },
  { word: '股份公司', name: '股份有限公司', cls: 'company' },
  { word: '有限责任公司', name: '有限公司', cls: 'company' },
  { word: '责任有限公司', name: '有限公司', cls: 'company' },
  { word: '有限公司', name: '有限公司', cls: 'company' },
  { word: '总公司', name: '公司', cls: 'company' },
  { word: '公司', name: '公司', cls: 'company' },
  { word: '有限合伙企业', name: '合伙企业', cls: 'partnership' },
  { word: '普通合伙企业', name: '合伙企业', cls: 'partnership' },
  { word: '合伙企业', name: '合伙企业', cls: 'partnership' },
  { word: '个人独资企业', name: '个人独资企业', cls: 'sole' },
  { word: '独资企业', name: '个人独资企业', cls: 'sole' },
  { word: '农民专业合作社', name: '合作社', cls: 'coop' },
  { word: '专业合作社', name: '合作社', cls: 'coop' },
  { word: '股份经济合作社', name: '合作社', cls: 'coop' },
  { word: '合作社', name: '合作社', cls: 'coop' },
  { word: '工作室', name: '工作室', cls: 'other' },
  { word: '经营部', name: '经营部', cls: 'other' },
  { word: '门市部', name: '门市部', cls: 'other' },
  { word: '事务所', name: '事务所', cls: 'other' },
  { word: '商行', name: '商行', cls: 'other' },
  { word: '个体工商户', name: '个体工商户', cls: 'sole' },
  // English legal names arrive with spaces and dots already removed.
  { word: 'companylimited', name: '有限公司', cls: 'company' },
  { word: 'colimited', name: '有限公司', cls: 'company' },
  { word: 'coltd', name: '有限公司', cls: 'company' },
  { word: 'limited', name: '有限公司', cls: 'company' },
  { word: 'ltd', name: '有限公司', cls: 'company' },
  { word: 'incorporated', name: '公司', cls: 'company' },
  { word: 'corporation', name: '公司', cls: 'company' },
  { word: 'corp', name: '公司', cls: 'company' },
  { word: 'inc', name: '公司', cls: 'company' },
  { word: 'llc', name: '有限公司', cls: 'company' },
  { word: 'gmbh', name: '有限公司', cls: 'company' },
  { word: 'plc', name: '股份有限公司', cls: 'company' },
];

/** Bracket contents that qualify the form rather than name a place: (集团), (有限合伙) … */
const BRACKET_FORMS: ReadonlyMap<string, FormWord> = new Map<string, FormWord>([
  ['集团', { word: '集团', name: '', cls: 'company', group: true }],
  ['有限合伙', { word: '有限合伙', name: '合伙企业', cls: 'partnership' }],
  ['普通合伙', { word: '普通合伙', name: '合伙企业', cls: 'partnership' }],
  ['特殊普通合伙', { word: '特殊普通合伙', name: '合伙企业', cls: 'partnership' }],
  ['个人独资', { word: '个人独资', name: '个人独资企业', cls: 'sole' }],
]);

const BY_LENGTH = [...FORM_WORDS].sort((a, b) => b.word.length - a.word.length);

export interface FormMatch { start: number; form?: OrgForm; group: boolean }

/** The 组织形式 ending `text` (longest wording), leaving at least `keep` characters before it. */
export function trailingForm(text: string, keep = 1): FormMatch | undefined {
  for (const f of BY_LENGTH) {
    if (text.length - f.word.length >= keep && text.endsWith(f.word)) {
      return { start: text.length - f.word.length, form: f.name ? { name: f.name, cls: f.cls } : undefined, group: f.group === true };
    }
  }
  return undefined;
}

export function bracketForm(content: string): FormMatch | undefined {
  const f = BRACKET_FORMS.get(content);
  return f ? { start: 0, form: f.name ? { name: f.name, cls: f.cls } : undefined, group: f.group === true } : undefined;
}

/** Last position where a 公司-type form word ends inside `text` (a branch's parent ends there). */
export function lastFormEnd(text: string): number {
  let best = -1;
  for (const f of BY_LENGTH) {
    if (f.cls !== 'company' || f.word === '集团' || /^[a-z]/.test(f.word)) continue;
    const at = text.lastIndexOf(f.word);
    if (at >= 0 && at + f.word.length > best) best = at + f.word.length;
  }
  return best;
}
