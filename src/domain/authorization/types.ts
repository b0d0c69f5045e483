import type { authorizations, authorizationPeriods, renewalTasks } from '../../../db/schema';

export type AuthorizationRow = typeof authorizations.$inferSelect;
export type PeriodRow = typeof authorizationPeriods.$inferSelect;
export type RenewalTaskRow = typeof renewalTasks.$inferSelect;

/** An authorization with its history: periods oldest first, the latest one's renewal task. */
export interface AuthorizationView {
  authorization: AuthorizationRow;
  periods: PeriodRow[];
  latest: PeriodRow;
  task?: RenewalTaskRow;
}

/** 合同编号 as stored: half-width, upper case, no spaces (ht-001 and ＨＴ－００１ are HT-001). */
export function normalizeContractNo(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
