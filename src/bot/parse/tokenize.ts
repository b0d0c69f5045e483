import { foldInPlace, foldKey } from './fold';

/** A token: a word, a quoted phrase, or key=value. */
export interface Token {
  /** The value exactly as typed (a quoted phrase without its quotes). */
  text: string;
  /** The key, folded (full-width → half-width), when the token is key=value. */
  key?: string;
  /** How the key was joined to its value: `=` is unmistakable, `：` also occurs in prose (时间：10 点). */
  keyedBy?: '=' | ':';
  quoted: boolean;
  /** The token exactly as typed, key included (used when a key turns out not to be one the command knows). */
  raw: string;
  /** Where the token starts in the input, so free text can be taken verbatim from there. */
  start: number;
  /** Where the value starts (after `key=`; the opening quote of a quoted value). */
  valueStart: number;
  /** Where the token ends in the input. */
  end: number;
}

// Looked up in the folded text: full-width quotes, commas and semicolons have become half-width.
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』', '《': '》' };
const BREAKS = new Set([',', ';', '、']);
const KEY = /^([\p{L}\p{N}_]{1,12})\s*[=:]\s*/u;

const isSpace = (c: string) => /\s/.test(c);

/**
 * Splits on spaces and commas (either width), keeps quoted phrases whole, and recognises key=value
 * and key：value. Structure is found in the folded text; values are cut from the input as typed.
 *
 * A plain word ends at a space, a comma, a semicolon or 、 — except a comma between digits
 * (120,000). A key's value ends at a space only: commas inside it are part of it
 * (备注=客户很急，请尽快), unless what follows the comma is another key (公司=…，联系人=…).
 *
 * `knownKeys` (folded, lower-case) are the keys the command takes: a key-shaped word that is not
 * one of them is a plain word (时间:10:30). Without it, every key-shaped word is a key.
 * An unbalanced quote is taken literally rather than swallowing the line.
 */
export function tokenize(input: string, knownKeys?: ReadonlySet<string>): Token[] {
  const f = foldInPlace(input);
  const n = input.length;
  const keyAt = (at: number): RegExpExecArray | undefined => {
    const m = KEY.exec(f.slice(at, at + 20));
    return m && (!knownKeys || knownKeys.has(foldKey(m[1]!))) ? m : undefined;
  };
  const breaksWord = (j: number, wordStart: number): boolean => {
    const c = f[j]!;
    if (isSpace(c)) return true;
    if (!BREAKS.has(c)) return false;
    // Between digits a comma is part of a number (120,000; 12,5万 is refused as a whole, never split).
    const inNumber = c === ',' && j > wordStart && /\d/.test(f[j - 1]!) && /\d/.test(f[j + 1] ?? '');
    return !inNumber;
  };
  const breaksValue = (j: number): boolean => {
    const c = f[j]!;
    if (isSpace(c)) return true;
    if (!BREAKS.has(c)) return false;
    let k = j;
    while (k < n && (BREAKS.has(f[k]!) || isSpace(f[k]!))) k++;
    return k < n && keyAt(k) !== undefined;
  };

  const out: Token[] = [];
  let i = 0;
  while (i < n) {
    while (i < n && (isSpace(f[i]!) || BREAKS.has(f[i]!))) i++;
    if (i >= n) break;
    const start = i;
    const keyMatch = keyAt(i);
    const key = keyMatch ? keyMatch[1] : undefined;
    const keyed = keyMatch ? { key: keyMatch[1]!, keyedBy: keyMatch[0].includes('=') ? ('=' as const) : (':' as const) } : {};
    if (keyMatch) i += keyMatch[0].length;
    const valueStart = i;
    const close = i < n && QUOTES[f[i]!] !== undefined ? f.indexOf(QUOTES[f[i]!]!, i + 1) : -1;
    if (close > i) {
      out.push({ text: input.slice(i + 1, close), quoted: true, raw: input.slice(start, close + 1), start, valueStart, end: close + 1, ...keyed });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < n && !(key ? breaksValue(j) : breaksWord(j, i))) j++;
    const text = input.slice(i, j);
    if (text !== '' || key) out.push({ text, quoted: false, raw: input.slice(start, j), start, valueStart, end: j, ...keyed });
    i = j;
  }
  return out;
}
