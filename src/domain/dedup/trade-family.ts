import { FAMILIES, FILLERS } from './data/trade-families';
import { INDUSTRY_WORDS } from './industries';

const FAMILY = new Map<string, string>();
for (const line of FAMILIES.split('\n')) {
  const [head, ...rest] = line.split(/\s+/).filter(Boolean);
  if (head) for (const w of [head, ...rest]) FAMILY.set(w, head);
}
const FILLER = new Set(FILLERS.split(/\s+/).filter(Boolean));

const cache = new Map<string, string>();
const MAX = 12;

/** Left to right: the longest family or filler word, else the longest trade word, else one character. */
function split(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let len = 0;
    for (let l = Math.min(MAX, text.length - i); l >= 2 && !len; l -= 1) {
      const w = text.slice(i, i + l);
      if (FAMILY.has(w) || FILLER.has(w)) len = l;
    }
    for (let l = Math.min(MAX, text.length - i); l >= 2 && !len; l -= 1) {
      if (INDUSTRY_WORDS.has(text.slice(i, i + l))) len = l;
    }
    len ||= 1;
    out.push(text.slice(i, i + len));
    i += len;
  }
  return out;
}

/**
 * Which trade an industry wording names, as a key: its trade words without filler words, sorted
 * (园林景观工程 = 园林景观, 科技发展 = 科技, 技术信息 = 信息技术: the 相同 of the SAIC rules, same
 * words in another order). '' when only fillers are written. Synonyms (地产 / 房地产) are another
 * wording of the trade, 相近, not the same: see sameTradeMeaning().
 */
export function tradeFamily(industry: string | undefined): string {
  if (!industry) return '';
  let key = cache.get(industry);
  if (key !== undefined) return key;
  key = [...new Set(split(industry).filter((w) => !FILLER.has(w)))].sort().join('+');
  if (cache.size > 4096) cache.clear();
  cache.set(industry, key);
  return key;
}

/** Two wordings of one trade (地产 / 房地产开发, 服装 / 服饰): 相近 in the SAIC rules. */
export function sameTradeMeaning(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const names = (x: string): string => [...new Set(split(x).filter((w) => !FILLER.has(w)).map((w) => FAMILY.get(w) ?? w))].sort().join('+');
  return names(a) === names(b);
}
