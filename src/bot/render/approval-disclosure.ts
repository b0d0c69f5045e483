import type { Domain } from '../../domain/domain';
import { disclose } from './disclosures';

const REGISTRATION_SUBJECT_KINDS = new Set(['registration', 'extension', 'dispute', 'collaboration']);

/** An approval's facts are its subject's details: the customer's, or internal work for other kinds. */
export function discloseApprovalSubject(d: Domain, approval: { kind: string; subjectId: number }): void {
  const reg = REGISTRATION_SUBJECT_KINDS.has(approval.kind) ? d.records.registration(approval.subjectId) : undefined;
  disclose(reg ? { kind: 'customer', customerId: reg.customerId } : { kind: 'internal' });
}
