// 统一社会信用代码 (GB 32100-2015). See /work/shared/dedup-notes.md §1.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NPQRTUWY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const KNOWN_KINDS = /^(1[1239]|2[19]|3[1-5]|4[19]|5[1-49]|6[129]|7[129]|8[19]|9[1-3]|A[19]|N[1-39]|Y1)$/;

export interface UsccCheck {
  /** Upper-case, spaces and dashes removed (full-width folded). */
  normalized: string;
  /** Bad format = not a credit code at all: reject the input. */
  format: 'ok' | 'bad';
  /**
   * Bad checksum = probably a typo, but some real codes fail it (厦门 M000… codes), so show it
   * to the user to correct or confirm and warn the approver; never block on it alone.
   */
  checksum: 'ok' | 'bad';
  /** GB 11714 inner check over positions 9-17; informative only. */
  orgCode: 'ok' | 'bad';
  /** The first two characters are a registration-department/kind pair we know (91 企业 …). */
  knownKind: boolean;
}

export function normalizeUscc(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-_.]/g, '');
}

/** Check character for the first 17 characters (which must be in the 31-character set). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CHARSET.indexOf(first17.charAt(i));
    const weight = WEIGHTS[i];
    if (value < 0 || weight === undefined) throw new Error(`usccCheckChar: bad character at ${i + 1}`);
    sum += value * weight;
  }
  // 31 − (sum mod 31): 31 wraps to 0, 30 is Y (the charset's last character).
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 check character for an 8-character 组织机构代码 body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const value = parseInt(body8.charAt(i), 36);
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function checkUscc(raw: string): UsccCheck {
  const normalized = normalizeUscc(raw);
  if (!FORMAT.test(normalized)) {
    return { normalized, format: 'bad', checksum: 'bad', orgCode: 'bad', knownKind: false };
  }
  const checksum = usccCheckChar(normalized.slice(0, 17)) === normalized.charAt(17) ? 'ok' : 'bad';
  const orgCode = orgCodeCheckChar(normalized.slice(8, 16)) === normalized.charAt(16) ? 'ok' : 'bad';
  return { normalized, format: 'ok', checksum, orgCode, knownKind: KNOWN_KINDS.test(normalized.slice(0, 2)) };
}

/** For callers that hold an already-normalized code (compare.ts). */
export function usccChecksumOk(normalized: string): boolean {
  return FORMAT.test(normalized) && usccCheckChar(normalized.slice(0, 17)) === normalized.charAt(17);
}
