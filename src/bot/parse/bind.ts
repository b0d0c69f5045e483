import { fold, foldKey } from './fold';
import type { Token } from './tokenize';

export interface ArgSpec {
  /** Field name in the parsed arguments. */
  name: string;
  /** What users may type as key=…: Chinese names first, then English. */
  keys: string[];
  /** Filled by position when not given by key (in the order of the spec list). */
  positional?: boolean;
  /** Takes every remaining positional word verbatim (free text: 内容, 原因); given by key, runs to the next key. */
  rest?: boolean;
  /**
   * The value exactly as typed (names, notes). Otherwise it is folded full-width → half-width
   * (numbers, codes, card ids), as a `rest` argument never is.
   */
  verbatim?: boolean;
  /** A phone number: "手机=+86 138 1234 5678" and "座机=0571-88886666 转 8001" are one value. */
  phone?: boolean;
}

export interface BoundArgs {
  values: Record<string, string>;
  /** Positional words no argument took. */
  extra: string[];
}

// A command's argument specs never change: fold their keys once, not on every message.
const keyIndexes = new WeakMap<readonly ArgSpec[], { keys: Set<string>; byKey: Map<string, ArgSpec> }>();

function keyIndex(specs: readonly ArgSpec[]): { keys: Set<string>; byKey: Map<string, ArgSpec> } {
  let index = keyIndexes.get(specs);
  if (!index) {
    const byKey = new Map<string, ArgSpec>();
    for (const s of specs) for (const k of [s.name, ...s.keys]) byKey.set(foldKey(k), s);
    index = { keys: new Set(byKey.keys()), byKey };
    keyIndexes.set(specs, index);
  }
  return index;
}

/** The keys a command takes, as the tokenizer compares them (folded, lower-case). */
export function argKeys(specs: readonly ArgSpec[]): Set<string> {
  return keyIndex(specs).keys;
}

/**
 * Binds tokens to arguments: key=value first, then positional in order. A `rest` argument takes
 * the input verbatim (commas, full-width punctuation and spaces kept), leaving out what keys took.
 */
export function bindArgs(input: string, tokens: Token[], specs: ArgSpec[]): BoundArgs {
  const values: Record<string, string> = {};
  const { byKey } = keyIndex(specs);
  const specOf = (t: Token) => (t.key !== undefined ? byKey.get(foldKey(t.key)) : undefined);
  const valueOf = (s: ArgSpec, text: string) => (s.verbatim ? text : fold(text));
  /** Input ranges taken by keys (and what they absorbed): free text leaves them out. */
  const claimed: [number, number][] = [];
  const positional: Token[] = [];
  const byPosition = specs.filter((s) => s.positional !== false);
  const keyed = new Set<ArgSpec>();
  /** `客户：…` after the words that already gave 客户 is prose (上门拜访，客户：关注报价), not a key. */
  const givenByPosition = (s: ArgSpec) => {
    const at = byPosition.filter((x) => !keyed.has(x)).indexOf(s);
    return at >= 0 && at < positional.length;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const known = specOf(t);
    const spec = known && !(t.keyedBy === ':' && givenByPosition(known)) ? known : undefined;
    if (!spec) {
      positional.push(t.key !== undefined ? { text: t.raw, quoted: t.quoted, raw: t.raw, start: t.start, valueStart: t.start, end: t.end } : t);
      continue;
    }
    keyed.add(spec);
    let last = i;
    if (spec.rest) {
      while (last + 1 < tokens.length && !specOf(tokens[last + 1]!)) last++;
      const alone = last === i && t.quoted;
      values[spec.name] = alone ? t.text : input.slice(t.valueStart, tokens[last]!.end).trim();
    } else if (spec.phone && !t.quoted) {
      last = phoneRunEnd(input, tokens, i, true);
      values[spec.name] = valueOf(spec, input.slice(t.valueStart, tokens[last]!.end));
    } else {
      values[spec.name] = valueOf(spec, t.text);
    }
    claimed.push([t.start, tokens[last]!.end]);
    i = last;
  }
  mergePhoneChunks(input, positional);
  const extra: string[] = [];
  const open = specs.filter((s) => s.positional !== false && values[s.name] === undefined);
  let i = 0;
  for (const s of open) {
    if (i >= positional.length) break;
    if (s.rest) {
      const remaining = positional.slice(i);
      values[s.name] = remaining.length === 1 && remaining[0]!.quoted ? remaining[0]!.text : unclaimed(input, remaining[0]!.start, claimed);
      i = positional.length;
      break;
    }
    values[s.name] = valueOf(s, positional[i]!.text);
    i++;
  }
  for (; i < positional.length; i++) extra.push(positional[i]!.text);
  return { values, extra };
}

/** The input from `from` on, without the ranges keys took, pieces joined by a space. */
function unclaimed(input: string, from: number, claimed: [number, number][]): string {
  const pieces: string[] = [];
  let at = from;
  for (const [s, e] of [...claimed].sort((a, b) => a[0] - b[0])) {
    if (e <= at) continue;
    if (s > at) pieces.push(input.slice(at, s).trim());
    at = Math.max(at, e);
  }
  pieces.push(input.slice(at).trim());
  return pieces.filter(Boolean).join(' ');
}

const PHONE_CHUNK = /^[+(]?\d[\d\-.()—–]*$/;
/** 转 / 分机 / ext / # after the number, with or without the extension's digits. */
const EXTENSION_WORD = /^(?:转|分机|转分机|ext\.?|x|#)\d{0,6}$/i;

const digitCount = (t: Token) => fold(t.text).replace(/\D/g, '').length;
const isChunk = (t: Token | undefined) => !!t && !t.quoted && t.key === undefined && PHONE_CHUNK.test(fold(t.text));

/**
 * The last token of a phone number typed in chunks from tokens[i] on: a run of digit chunks that
 * together make 11 to 15 digits ("+86 138 1234 5678", "0571 8888 6666"), and with `extension`
 * an extension after it ("转 8001", "分机8001"). Returns i when there is nothing to join.
 */
function phoneRunEnd(input: string, tokens: Token[], i: number, extension: boolean): number {
  if (!PHONE_CHUNK.test(fold(tokens[i]!.text))) return i;
  // Only words typed next to each other: a key=value in between ends the number.
  const adjacent = (k: number) => k < tokens.length && /^[\s,，;；、]*$/.test(input.slice(tokens[k - 1]!.end, tokens[k]!.start));
  let j = i;
  let digits = digitCount(tokens[i]!);
  while (digits < 11 && isChunk(tokens[j + 1]) && adjacent(j + 1)) {
    j++;
    digits += digitCount(tokens[j]!);
  }
  if (digits < 11 || digits > 15) j = i;
  const next = tokens[j + 1];
  if (extension && next && adjacent(j + 1) && !next.quoted && next.key === undefined && EXTENSION_WORD.test(fold(next.text))) {
    j++;
    const ext = tokens[j + 1];
    if (!/\d$/.test(fold(tokens[j]!.text)) && ext && adjacent(j + 1) && isChunk(ext) && /^\d{1,6}$/.test(fold(ext.text))) j++;
  }
  return j;
}

/** "+86 138 1234 5678" typed positionally arrives as four words: one argument, kept as typed. */
function mergePhoneChunks(input: string, tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!isChunk(tokens[i])) continue;
    const j = phoneRunEnd(input, tokens, i, false);
    if (j > i) {
      const first = tokens[i]!;
      const last = tokens[j]!;
      const text = input.slice(first.start, last.end);
      tokens.splice(i, j - i + 1, { text, quoted: false, raw: text, start: first.start, valueStart: first.start, end: last.end });
    }
  }
}
