import { DIVISIONS, GROUPS, SECTIONS } from './data/gbt4754';
import { SCOPE_WORDS, SHORT_FORMS } from './data/trade-words';
import { SINGLE_FORMS, WORD_FORMS } from './data/shop-forms';
import { GENERIC_CORE_LIST } from './generic-cores';

/*
 * The trade vocabulary (行业 / 经营特点 words) built once from the data/ folder:
 *   - every GB/T 4754-2017 门类, 大类 and listed 中类/小类 name, split at its conjunctions (、和及与或)
 *     with brackets dropped (瓶（罐）装 → 瓶装), and each piece with its usual endings taken off one by
 *     one: 金属制品业 → 金属制品; 通用设备制造业 → 通用设备; 谷物种植 stays, 稻谷加工 →
 *     稻谷. These derived short forms are ours, not the standard's;
 *   - the irregular short forms and the business-scope words of data/trade-words.ts;
 *   - the English trade words the parser already knew.
 * A word of one character, or one that is a common 字号 (generic-cores.ts: 东方, 华夏 …), is never a
 * trade word.
 */

const ENDINGS = [
  '专业及辅助性活动', '辅助性活动', '活动', '制造业', '加工业', '生产和供应业', '生产和供应', '服务业', '制造', '加工',
  '生产', '供应', '开采洗选', '采选', '开采', '洗选', '冶炼', '批发', '零售', '修理', '服务', '经营', '业',
];
const NOT_TRADE = new Set(['其他', '未列明', '国际组织', '公共', '社会', '居民', '国家', '中国', '相关', '专门', '一般', '普通', '类似']);

const ENGLISH = `
technology technologies tech trading information network software electronics industrial industries
international holdings holding investment consulting logistics group
`;

/** Words that may end a name after a trade word: 店, 行, 馆 … (data/shop-forms.ts). */
export const SINGLE_SHOP_FORMS: ReadonlySet<string> = new Set(SINGLE_FORMS.split(/\s+/).filter(Boolean));
/** Shop and venue endings of two or more characters: 经营部, 水果摊, 生活馆 … */
export const SHOP_FORMS: ReadonlySet<string> = new Set(WORD_FORMS.split(/\s+/).filter(Boolean));

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The short forms one GB/T 4754 category name yields. */
export function categoryWords(name: string): string[] {
  const out = new Set<string>();
  const plain = name.replace(/（[^）]*）|\([^)]*\)/g, '').replace(/其他|未列明|及其/g, '、');
  for (const piece of plain.split(/[、，,]|和|及|与|或/)) {
    let w = piece.trim();
    if (w.length >= 2) out.add(w);
    for (let again = true; again; ) {
      again = false;
      for (const end of ENDINGS) {
        if (w.endsWith(end) && w.length - end.length >= 2) {
          w = w.slice(0, -end.length);
          out.add(w);
          again = true;
          break;
        }
      }
    }
  }
  return [...out];
}

function build(): Set<string> {
  const all = new Set<string>();
  const generic = new Set(GENERIC_CORE_LIST);
  const add = (w: string): void => {
    if (w.length >= 2 && !NOT_TRADE.has(w) && !generic.has(w) && !SHOP_FORMS.has(w)) all.add(w);
  };
  for (const name of [...SECTIONS, ...DIVISIONS, ...GROUPS]) for (const w of categoryWords(name)) add(w);
  for (const w of [...words(SHORT_FORMS), ...words(SCOPE_WORDS), ...words(ENGLISH)]) add(w);
  return all;
}

export const TRADE_WORDS: ReadonlySet<string> = build();
