import type { customers, registrations } from '../../../db/schema';

export type CustomerRow = typeof customers.$inferSelect;
export type RegistrationRow = typeof registrations.$inferSelect;

/** A registration as the domain takes it: identifiers already validated and normalised. */
export interface RegistrationInput {
  company: string;
  contactName: string;
  /** E.164, e.g. +8613812345678 */
  mobile: string;
  landline?: string;
  /** The numbers as typed, shown back to people; matching uses the normalised ones above. */
  mobileAsTyped?: string;
  landlineAsTyped?: string;
  uscc?: string;
  /** false when the code's check character fails (some real codes do): the user confirmed it. */
  usccChecksumOk?: boolean;
  province?: string;
  city?: string;
  source?: string;
  product?: string;
  budgetWan?: number;
  note?: string;
  keyAccount?: boolean;
  /** The registrant saw the suspected duplicates / checksum warning and wants to go on. */
  confirmed?: boolean;
}
