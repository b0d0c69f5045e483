/** A token: a word, a quoted phrase, or key=value. */
export interface Token {
  text: string;
  key?: string;
  quoted: boolean;
  /** The token exactly as typed (used when a key turns out not to be one the command knows). */
  raw: string;
  /** Where the token starts in the input, so free text can be taken verbatim from there. */
  start: number;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』', '《': '》' };
const SEPARATORS = new Set([' ', ',', '，', ';', '；', '、']);

/**
 * Splits on spaces and commas, keeps quoted phrases whole, and recognises key=value and
 * key：value. An unbalanced quote is taken literally rather than swallowing the line.
 */
export function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && SEPARATORS.has(input[i]!)) i++;
    if (i >= n) break;
    const start = i;
    let key: string | undefined;
    const keyMatch = /^([\p{L}\p{N}_]{1,12})\s*[=:：]\s*/u.exec(input.slice(i, i + 20));
    if (keyMatch && i + keyMatch[0].length <= n) {
      key = keyMatch[1]!;
      i += keyMatch[0].length;
    }
    const open = input[i];
    if (open !== undefined && QUOTES[open] !== undefined) {
      const close = input.indexOf(QUOTES[open]!, i + 1);
      if (close > i) {
        out.push({ text: input.slice(i + 1, close), quoted: true, raw: input.slice(start, close + 1), start, ...(key ? { key } : {}) });
        i = close + 1;
        continue;
      }
    }
    let j = i;
    while (j < n && !SEPARATORS.has(input[j]!)) j++;
    const text = input.slice(i, j);
    if (text !== '' || key) out.push({ text, quoted: false, raw: input.slice(start, j), start, ...(key ? { key } : {}) });
    i = j;
  }
  return out;
}
