// Phone numbers and secrets never reach a log line: mobiles keep 3+4 digits, secrets vanish.
// Mainland mobiles are found however they are written: 13812345678, +86 138 1234 5678,
// 008613812345678, 138-1234-5678, 138.1234.5678, full-width １３８１２３４５６７８.
const DIGIT = '[0-9０-９]';
const SEP = '[-. \u3000－．]?';
const MOBILE = new RegExp(
  `(?<!${DIGIT})((?:\\+|＋|00|００)?[8８][6６]${SEP})?([1１][3-9３-９]${DIGIT})${SEP}(${DIGIT}{4})${SEP}(${DIGIT}{4})(?!${DIGIT})`,
  'g',
);

const SECRET_WORD = 'secret|token|password|passwd|aes_?key|signature|ticket|authorization|cookie';
/** Keys whose values are secrets wherever they appear (any depth, any case). */
const SECRET_KEY = new RegExp(SECRET_WORD, 'i');
/**
 * A secret written inside a string: corpsecret=… in a URL, "access_token":"…" in a quoted body,
 * Authorization: Bearer … in a header dump.
 */
const SECRET_IN_TEXT = new RegExp(`([A-Za-z0-9_-]*(?:${SECRET_WORD})[A-Za-z0-9_-]*)(=|"\\s*:\\s*"|'\\s*:\\s*'|:\\s*)((?:Bearer\\s+)?[^&\\s"',;]+)`, 'gi');

/** Objects nested deeper than this are dropped, not written unmasked. */
const MAX_DEPTH = 6;

export function maskPhones(text: string): string {
  return text.replace(MOBILE, (_m, cc: string | undefined, a: string, _b: string, d: string) => `${cc ?? ''}${a}****${d}`);
}

/** Phones masked and secrets written into the text redacted. */
export function maskText(text: string): string {
  return maskPhones(text).replace(SECRET_IN_TEXT, (_m, key: string, sep: string) => `${key}${sep}[redacted]`);
}

export function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: maskText(value.message), stack: value.stack ? maskText(value.stack) : undefined };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? '[redacted]' : maskValue(v, depth + 1);
  return out;
}
