import type { ConverterFunction, ConverterOptions } from 'opencc-js/t2cn' with { 'resolution-mode': 'import' };

// opencc-js ships ESM-typed declarations for its CommonJS (UMD) build, which TypeScript's node16
// mode refuses to `import` from a CommonJS file; require the UMD build and borrow its types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const opencc = require('opencc-js/t2cn') as { Converter(options: ConverterOptions): ConverterFunction };

let toSimplified: ConverterFunction | undefined;

/** Character-level traditional → simplified ('t', not 'twp': no phrase rewriting like 軟體→软件). */
export function simplify(text: string): string {
  toSimplified ??= opencc.Converter({ from: 't', to: 'cn' });
  return toSimplified(text);
}

// NFKC already maps （）［］｛｝ to ASCII; these are the kinds it leaves alone.
const OPEN = /[【〔［「『〖｛\[{<《〈]/g;
const CLOSE = /[】〕］」』〗｝\]}>》〉]/g;
// Everything that is not a letter, a digit or a bracket: spaces (incl. U+3000), punctuation, symbols.
const NOISE = /[^\p{L}\p{N}()]/gu;
const EMPTY_BRACKETS = /\(\)/g;

/**
 * The form every comparison starts from: NFKC (full-width → half-width), traditional → simplified,
 * lower-case latin, every bracket kind as ( ), no spaces or punctuation.
 */
export function normalizeCompanyName(raw: string): string {
  let s = recent.get(raw);
  if (s !== undefined) return s;
  s = normalizeUncached(raw);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(raw, s);
  return s;
}

// A registration normalises its name several times (parse, check, the stored name key).
const RECENT = 256;
const recent = new Map<string, string>();

function normalizeUncached(raw: string): string {
  let s = raw.normalize('NFKC');
  s = simplify(s).toLowerCase();
  s = s.replace(OPEN, '(').replace(CLOSE, ')').replace(NOISE, '');
  return balanceBrackets(s).replace(EMPTY_BRACKETS, '');
}

/** Drops stray brackets so that later bracket splitting never sees half a pair. */
function balanceBrackets(s: string): string {
  if (!s.includes('(') && !s.includes(')')) return s;
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') {
      if (depth === 0) out += ch;
      depth += 1;
    } else if (ch === ')') {
      if (depth === 0) continue;
      depth -= 1;
      if (depth === 0) out += ch;
    } else {
      out += ch;
    }
  }
  if (depth > 0) {
    const open = out.lastIndexOf('(');
    out = out.slice(0, open) + out.slice(open + 1);
  }
  return out;
}
