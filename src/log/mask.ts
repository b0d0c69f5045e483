// Phone numbers and secrets never reach a log line: mobiles keep 3+4 digits, secrets vanish.
const MOBILE = /(?<![0-9])(\+?86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])/g;

export function maskPhones(text: string): string {
  return text.replace(MOBILE, (_m, cc: string | undefined, a: string, _b: string, d: string) => `${cc ?? ''}${a}****${d}`);
}

export function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, depth + 1);
  return out;
}
