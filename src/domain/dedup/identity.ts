import type { CustomerIdentity } from './types';
import { parseCompanyName } from './parse';
import { checkUscc } from './uscc';
import { normalizeLandline, normalizeMobile, type LandlineError, type MobileError } from './phone';

export interface IdentityInput {
  name: string;
  uscc?: string;
  mobile?: string;
  landline?: string;
}

/** What the user should fix ('format', invalid numbers) or confirm ('checksum'). */
export interface IdentityIssues {
  uscc?: 'format' | 'checksum';
  mobile?: MobileError;
  landline?: LandlineError;
}

/**
 * Raw registration fields → what compare() and keys() take. A USCC with a bad check character
 * is kept (the same mistyped code twice is still the same code) but reported; a malformed code
 * or an invalid number is left out, so it can never match anything.
 */
export function identityOf(input: IdentityInput): { identity: CustomerIdentity; issues: IdentityIssues } {
  const identity: CustomerIdentity = { name: parseCompanyName(input.name) };
  const issues: IdentityIssues = {};
  if (input.uscc?.trim()) {
    const check = checkUscc(input.uscc);
    if (check.format === 'bad') issues.uscc = 'format';
    else {
      identity.uscc = check.normalized;
      if (check.checksum === 'bad') issues.uscc = 'checksum';
    }
  }
  if (input.mobile?.trim()) {
    const mobile = normalizeMobile(input.mobile);
    if (mobile.ok) identity.mobile = mobile.e164;
    else issues.mobile = mobile.error;
  }
  if (input.landline?.trim()) {
    const landline = normalizeLandline(input.landline);
    if (landline.ok) identity.landline = landline.e164;
    else issues.landline = landline.error;
  }
  return { identity, issues };
}
