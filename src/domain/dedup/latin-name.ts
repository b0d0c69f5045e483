import type { OrgForm, ParsedName, RegionRef } from './types';
import { trailingForm } from './forms';
import { trailingEnglishTrade } from './english-trades';
import { latinPlaceAt } from './region-pinyin';
import { setRegion } from './regions';
import { latinPinyin } from './pinyin';
import { NATIONAL_WORDS } from './region-words';

/*
 * A company name written in letters only, read as its English legal name is built — place,
 * 字号, trade, form: "Hangzhou Yunqi Technology Co., Ltd." → 杭州 + yunqi + 科技 + 有限公司;
 * "Yunqi Tech" → yunqi + 科技; "Yunqi Technology (Hangzhou) Co., Ltd." alike. The words are what
 * tells them apart, so this reads the name before normalisation runs them together. Places come
 * from region-pinyin.ts, trades from english-trades.ts, forms from forms.ts.
 */

const MAX_FORM_WORDS = 3;
// Form words forms.ts does not hold alone ("Yunqi Company", "Yunqi Co."), and 集团 in English.
const COMPANY_WORDS = new Set(['company', 'co']);
const STOCK_WORDS = new Set(['stock', 'shares', 'share']);
const GROUP = 'group';

/** True for a name with letters and no Han characters. */
export function isLatinName(normalized: string): boolean {
  return /[a-z]/.test(normalized) && !/\p{Script=Han}/u.test(normalized);
}

const wordsOf = (text: string): string[] => text.replace(/&/g, ' and ').split(/[^a-z0-9]+/).filter(Boolean);

/** The form ending `words`, taken off them; Joint Stock / Group before it say 股份 / 集团. */
function takeForm(words: string[]): { form?: OrgForm; group: boolean } {
  let form: OrgForm | undefined;
  let group = false;
  for (let k = Math.min(MAX_FORM_WORDS, words.length - 1); k >= 1; k -= 1) {
    const tail = words.slice(-k).join('');
    const match = trailingForm(tail, 0);
    if (match && match.start === 0) {
      form = match.form;
      words.splice(words.length - k, k);
      break;
    }
  }
  if (!form && words.length > 1 && COMPANY_WORDS.has(words[words.length - 1]!)) {
    form = { name: '公司', cls: 'company' };
    words.pop();
  }
  while (words.length > 1 && (words[words.length - 1] === GROUP || STOCK_WORDS.has(words[words.length - 1]!) || words[words.length - 1] === 'joint')) {
    const w = words.pop()!;
    if (w === GROUP) group = true;
    else if (form?.cls === 'company') form = { name: '股份有限公司', cls: 'company' };
  }
  return { form, group };
}

/** A bracketed place: "(Hangzhou)", "(China)". */
function bracketPlace(content: string): RegionRef | undefined {
  const words = wordsOf(content);
  if (words.length === 0) return undefined;
  if (NATIONAL_WORDS.includes(words.join(''))) return { name: '中国', codes: [], national: true };
  const place = latinPlaceAt(words);
  return place && place.words === words.length ? place.ref : undefined;
}

export function parseLatinName(raw: string, normalized: string): ParsedName {
  let text = raw.normalize('NFKC').toLowerCase();
  let region: RegionRef | undefined;
  const notes: string[] = [];
  text = text.replace(/[([{（【]([^)\]}）】]*)[)\]}）】]/g, (_m, inner: string) => {
    const ref = bracketPlace(inner);
    if (ref && !region) region = ref;
    else if (inner.trim()) notes.push(wordsOf(inner).join(' '));
    return ' ';
  });
  const words = wordsOf(text);
  const { form, group } = takeForm(words);
  const trade = trailingEnglishTrade(words);
  let rest = trade.rest;
  if (rest.length > 1 && NATIONAL_WORDS.includes(rest[0]!)) rest = rest.slice(1);
  const lead = latinPlaceAt(rest);
  // A place is only a place if a 字号 is left after it ("Hangzhou Technology" is 字号 hangzhou).
  if (lead && lead.words < rest.length) {
    region ??= lead.ref;
    rest = rest.slice(lead.words);
  }
  const core = rest.join('') || normalized;
  const parsed: ParsedName = { raw, normalized, core, alternatives: [], group };
  const sound = latinPinyin(rest);
  if (sound) parsed.pinyin = sound;
  if (region) setRegion(parsed, region);
  if (trade.industry) parsed.industry = trade.industry;
  if (form) parsed.form = form;
  const note = notes.filter(Boolean).join('/');
  if (note) parsed.bracketNote = note;
  return parsed;
}
