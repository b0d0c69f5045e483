import { normalizeCompanyName } from '../dedup';
import type { RegistrationInput } from './types';

/** A customer's own facts, as a registration or a migrated record gives them. */
export type CustomerDetails = Omit<RegistrationInput, 'confirmed' | 'keyAccount'> & { keyAccount: boolean };

/**
 * The customers row for these facts. The stored name key is the dedup engine's normalisation,
 * so a customer is found by name the same way whichever path created it.
 */
export function customerFields(d: CustomerDetails) {
  return {
    name: d.company,
    nameNorm: normalizeCompanyName(d.company),
    uscc: d.uscc ?? null,
    usccChecksumOk: !d.uscc || d.usccChecksumOk !== false,
    contactName: d.contactName,
    mobile: d.mobile,
    landline: d.landline ?? null,
    mobileAsTyped: d.mobileAsTyped ?? null,
    landlineAsTyped: d.landlineAsTyped ?? null,
    province: d.province ?? null,
    city: d.city ?? null,
    source: d.source ?? null,
    product: d.product ?? null,
    budgetWan: d.budgetWan ?? null,
    note: d.note ?? null,
    keyAccount: d.keyAccount,
  };
}
