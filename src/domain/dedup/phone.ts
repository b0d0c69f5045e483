import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

// The default (min) metadata only checks lengths, so 12345678901 would pass; /max knows ranges.

export type MobileError = 'empty' | 'unparseable' | 'not-mainland' | 'invalid' | 'not-mobile';
export type MobileResult = { ok: true; e164: string; ext?: string } | { ok: false; error: MobileError };

export type LandlineType = 'fixed' | 'toll-free' | 'shared-cost';
export type LandlineError = 'empty' | 'unparseable' | 'not-mainland' | 'invalid' | 'not-landline';
export type LandlineResult =
  | { ok: true; e164: string; ext?: string; type: LandlineType }
  | { ok: false; error: LandlineError };

// 转 / 分机 / ext / # before trailing digits marks an extension; libphonenumber knows only "ext".
const EXTENSION = /\s*(?:转|分机|ext\.?|extension|x|#)\s*(\d{1,6})\s*$/i;

function parse(raw: string): { phone?: PhoneNumber; error?: 'empty' | 'unparseable' } {
  let s = raw.normalize('NFKC').trim().replace(/^tel:/i, '');
  if (s === '') return { error: 'empty' };
  s = s.replace(EXTENSION, ' ext. $1');
  const phone = parsePhoneNumberFromString(s, 'CN');
  return phone ? { phone } : { error: 'unparseable' };
}

export function normalizeMobile(raw: string): MobileResult {
  const { phone, error } = parse(raw);
  if (!phone) return { ok: false, error: error ?? 'unparseable' };
  if (phone.countryCallingCode !== '86') return { ok: false, error: 'not-mainland' };
  // With full metadata, isValid() is getType() !== undefined: ask once (each costs ~10 µs).
  const type = phone.getType();
  if (type === undefined) return { ok: false, error: 'invalid' };
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { ok: false, error: 'not-mobile' };
  return phone.ext ? { ok: true, e164: phone.number, ext: phone.ext } : { ok: true, e164: phone.number };
}

const LANDLINE_TYPES: Readonly<Record<string, LandlineType>> = {
  FIXED_LINE: 'fixed',
  FIXED_LINE_OR_MOBILE: 'fixed',
  TOLL_FREE: 'toll-free',
  SHARED_COST: 'shared-cost',
};

// 0571-88886666-8001: a last group after the number, when the whole is not a number itself.
const DASH_EXTENSION = /^(.*\d)\s*[-－—–]\s*(\d{1,6})\s*$/;

/** 座机 (and 400/800 numbers): a secondary contact, matched exactly like a mobile but weaker. */
export function normalizeLandline(raw: string): LandlineResult {
  const whole = landline(raw);
  if (whole.ok || whole.error !== 'invalid') return whole;
  const m = DASH_EXTENSION.exec(raw.normalize('NFKC'));
  if (!m || EXTENSION.test(m[1]!)) return whole;
  const head = landline(m[1]!);
  return head.ok && !head.ext ? { ...head, ext: m[2]! } : whole;
}

function landline(raw: string): LandlineResult {
  const { phone, error } = parse(raw);
  if (!phone) return { ok: false, error: error ?? 'unparseable' };
  if (phone.countryCallingCode !== '86') return { ok: false, error: 'not-mainland' };
  const phoneType = phone.getType();
  if (phoneType === undefined) return { ok: false, error: 'invalid' };
  const type = LANDLINE_TYPES[phoneType];
  if (!type) return { ok: false, error: 'not-landline' };
  const base = { ok: true as const, e164: phone.number, type };
  return phone.ext ? { ...base, ext: phone.ext } : base;
}

/** 138****5678 — what a group chat may show. Unrecognisable input is masked whole. */
export function maskMobile(value: string): string {
  const result = /^\+86\d{11}$/.test(value) ? { ok: true as const, e164: value } : normalizeMobile(value);
  const digits = result.ok ? result.e164.slice(3) : '';
  if (digits.length !== 11) return '***********';
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}
