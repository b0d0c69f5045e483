import type { Token } from './tokenize';

export interface ArgSpec {
  /** Field name in the parsed arguments. */
  name: string;
  /** What users may type as key=…: Chinese names first, then English. */
  keys: string[];
  /** Filled by position when not given by key (in the order of the spec list). */
  positional?: boolean;
  /** Takes every remaining positional word, joined by a space (free text: 内容, 原因). */
  rest?: boolean;
}

export interface BoundArgs {
  values: Record<string, string>;
  /** Positional words no argument took. */
  extra: string[];
}

/**
 * Binds tokens to arguments: key=value first, then positional in order. A `rest` argument takes
 * the input verbatim from its first word on (commas and spaces kept), unless a key=value follows.
 */
export function bindArgs(input: string, tokens: Token[], specs: ArgSpec[]): BoundArgs {
  const values: Record<string, string> = {};
  const byKey = new Map<string, ArgSpec>();
  for (const s of specs) for (const k of [s.name, ...s.keys]) byKey.set(k.toLowerCase(), s);
  const positional: Token[] = [];
  for (const t of tokens) {
    const spec = t.key ? byKey.get(t.key.toLowerCase()) : undefined;
    if (spec) values[spec.name] = t.text;
    else positional.push(t.key ? { text: t.raw, quoted: t.quoted, raw: t.raw, start: t.start } : t);
  }
  mergePhoneChunks(positional);
  const extra: string[] = [];
  const open = specs.filter((s) => s.positional !== false && values[s.name] === undefined);
  let i = 0;
  for (const s of open) {
    if (i >= positional.length) break;
    if (s.rest) {
      const remaining = positional.slice(i);
      const startsAt = remaining[0]!.start;
      const keyedAfter = tokens.some((t) => t.key && byKey.has(t.key.toLowerCase()) && t.start > startsAt);
      values[s.name] = keyedAfter || remaining.some((t) => t.key) ? remaining.map((t) => t.text).join(' ') : input.slice(startsAt).trim();
      i = positional.length;
      break;
    }
    values[s.name] = positional[i]!.text;
    i++;
  }
  for (; i < positional.length; i++) extra.push(positional[i]!.text);
  return { values, extra };
}

const PHONE_CHUNK = /^[+(（]?\d[\d\-()（）]*$/;

/**
 * "+86 138 1234 5678" arrives as four words: a run of digit chunks that together make a phone
 * number (11 to 15 digits) is one argument.
 */
function mergePhoneChunks(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.quoted || !PHONE_CHUNK.test(tokens[i]!.text)) continue;
    let j = i;
    let digits = tokens[i]!.text.replace(/\D/g, '').length;
    while (j + 1 < tokens.length && !tokens[j + 1]!.quoted && PHONE_CHUNK.test(tokens[j + 1]!.text) && digits < 11) {
      j++;
      digits += tokens[j]!.text.replace(/\D/g, '').length;
    }
    if (j > i && digits >= 11 && digits <= 15) {
      const merged = tokens.slice(i, j + 1);
      tokens.splice(i, j - i + 1, { text: merged.map((t) => t.text).join(''), quoted: false, raw: merged.map((t) => t.raw).join(' '), start: merged[0]!.start });
    }
  }
}
