import { SHOP_FORMS, SINGLE_SHOP_FORMS, TRADE_WORDS } from './trade-vocabulary';
import { midPlaceAt } from './regions';
import type { RegionRef } from './types';

// 行业 / 经营特点 words that follow the 字号 (trade-vocabulary.ts: GB/T 4754-2017 names, their short
// forms, business-scope words). Weak evidence: stripped from the end of a name (several may stack:
// 网络 + 技术), kept as a field, never part of the core.

export const INDUSTRY_WORDS: ReadonlySet<string> = TRADE_WORDS;

/** One-character trade words, accepted only right before the form (金徽 + 酒 + 股份有限公司). */
const SINGLE_TRADES: ReadonlySet<string> = new Set(['酒']);

const LENGTHS = [...new Set([...INDUSTRY_WORDS, ...SHOP_FORMS].map((w) => w.length))].sort((a, b) => b - a);

type TokenKind = 'trade' | 'place' | 'form';

export interface TailToken { text: string; kind: TokenKind; ref?: RegionRef }

export interface Tail {
  /** Where the tail starts: the 字号 is text.slice(0, end). */
  end: number;
  /** The trade words, concatenated (网络技术), if any. */
  industry?: string;
  tokens: TailToken[];
  /** A shop or venue ending read as the 组织形式 (经营部, 水果摊, 店 after a trade word). */
  form?: string;
  /** Places written between or after the trade words (力赛佳管道支架技术 | 上海). */
  places: RegionRef[];
}

export interface TailOptions {
  /** Shop endings and single-character trade words (off once a 公司-type form was found). */
  forms?: boolean;
  /** Places between and after trade words. */
  places?: boolean;
}

/**
 * Reads the run of trade words, places and (last) a shop form that ends `text`, leaving at least
 * `keep` characters before it, and takes the longest such run: 宁德时代新能源科技 → 宁德时代 +
 * 新能源科技 (not 宁德时代新 + 能源科技, which greedy matching gives). A run must hold a trade word
 * or a shop form of two or more characters; a place alone (字节跳动北京) or a one-character ending
 * alone (建设银 + 行) is none.
 */
export function readTail(text: string, keep = 2, options: TailOptions = {}): Tail {
  const n = text.length;
  const forms = options.forms !== false;
  // seg[i]: the tokens of text.slice(i), or null; pending[i]: they start with a one-character
  // ending, valid only after a trade word; substantive[i]: they hold a trade word or a shop form.
  const seg: (TailToken[] | null)[] = new Array<TailToken[] | null>(n + 1).fill(null);
  const pending: boolean[] = new Array<boolean>(n + 1).fill(false);
  const substantive: boolean[] = new Array<boolean>(n + 1).fill(false);
  seg[n] = [];
  let end = n;
  for (let i = n - 1; i >= Math.max(keep, 0); i -= 1) {
    for (const tok of candidates(text, i, forms, options.places === true)) {
      const j = i + tok.text.length;
      const rest = seg[j];
      if (!rest) continue;
      const last = j === n;
      if (tok.kind === 'form' && !last) continue;
      if (pending[j] && tok.kind !== 'trade') continue;
      const single = tok.kind === 'form' && tok.text.length === 1;
      seg[i] = [tok, ...rest];
      pending[i] = single;
      substantive[i] = tok.kind === 'trade' || (tok.kind === 'form' && !single) || substantive[j] === true;
      break;
    }
    if (seg[i] && !pending[i] && substantive[i]) end = i;
  }
  const tokens = end === n ? [] : (seg[end] ?? []);
  const trade = tokens.filter((t) => t.kind === 'trade').map((t) => t.text).join('');
  const tail: Tail = { end, tokens, places: tokens.flatMap((t) => (t.kind === 'place' && t.ref ? [t.ref] : [])) };
  if (trade) tail.industry = trade;
  const form = tokens.find((t) => t.kind === 'form');
  if (form) tail.form = form.text;
  return tail;
}

/** Tokens that may start at `i`, longest first, trade words before places and forms of one length. */
function candidates(text: string, i: number, forms: boolean, places: boolean): TailToken[] {
  const out: TailToken[] = [];
  const n = text.length;
  for (const len of LENGTHS) {
    if (i + len > n) continue;
    const w = text.slice(i, i + len);
    if (INDUSTRY_WORDS.has(w)) out.push({ text: w, kind: 'trade' });
    if (forms && SHOP_FORMS.has(w) && i + len === n) out.push({ text: w, kind: 'form' });
  }
  if (places) {
    const place = midPlaceAt(text, i);
    if (place) {
      const at = out.findIndex((t) => t.text.length < place.len);
      out.splice(at < 0 ? out.length : at, 0, { text: text.slice(i, i + place.len), kind: 'place', ref: place.ref });
    }
  }
  if (forms && i === n - 1) {
    const ch = text.charAt(i);
    if (SINGLE_SHOP_FORMS.has(ch)) out.push({ text: ch, kind: 'form' });
    if (SINGLE_TRADES.has(ch)) out.push({ text: ch, kind: 'trade' });
  }
  return out;
}

/** The longest run of trade words ending `text` (no places, no shop forms), `keep` characters left. */
export function trailingIndustry(text: string, keep = 2): { end: number; industry?: string } {
  const tail = readTail(text, keep, { forms: false });
  return tail.industry ? { end: tail.end, industry: tail.industry } : { end: text.length };
}

/** End of the last industry word inside `text` that leaves `keep` characters before it, or -1. */
export function lastIndustryEnd(text: string, keep = 2): number {
  for (let end = text.length; end > keep; end -= 1) {
    for (const len of LENGTHS) {
      if (end - len >= keep && INDUSTRY_WORDS.has(text.slice(end - len, end))) return end;
    }
  }
  return -1;
}
