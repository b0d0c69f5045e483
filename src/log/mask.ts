// Phone numbers and secrets never reach a log line: mobiles keep 3+4 digits, secrets vanish.
const MOBILE = /(?<![0-9])(\+?86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])/g;

/** Keys whose values are secrets wherever they appear (any depth, any case). */
const SECRET_KEY = /secret|token|password|passwd|aes_?key|signature|ticket|authorization|cookie/i;

export function maskPhones(text: string): string {
  return text.replace(MOBILE, (_m, cc: string | undefined, a: string, _b: string, d: string) => `${cc ?? ''}${a}****${d}`);
}

export function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: maskPhones(value.message), stack: value.stack ? maskPhones(value.stack) : undefined };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? '[redacted]' : maskValue(v, depth + 1);
  return out;
}
