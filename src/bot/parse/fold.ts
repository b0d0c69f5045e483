/**
 * Folding for matching only: what people type is stored and shown as written, but command words,
 * keys, separators and structured values (numbers, codes, dates) are compared folded —
 * full-width → half-width (NFKC), case-insensitive.
 */
export function fold(text: string): string {
  return text.normalize('NFKC');
}

/** A command word or key as it is looked up: folded and lower-case. */
export function foldKey(text: string): string {
  return fold(text).toLowerCase();
}

/**
 * The same text with every character that folds to exactly one character replaced by that
 * character, so positions stay those of the original: the tokenizer finds structure (separators,
 * quotes, key=) here and cuts the values from the original.
 */
export function foldInPlace(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c.charCodeAt(0) < 0x80) {
      out += c;
      continue;
    }
    const f = c.normalize('NFKC');
    out += f.length === 1 ? f : c;
  }
  return out;
}
