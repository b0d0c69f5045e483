import type { Domain } from '../../domain/domain';
import { disclose } from './disclosures';

const REGISTRATION_SUBJECT_KINDS = new Set(['registration', 'extension', 'dispute', 'collaboration']);

/** An approval's facts are for those who take part in it and those who may see its customer (internal staff, for other kinds). */
export async function discloseApprovalSubject(d: Domain, approval: { id: number; kind: string; subjectId: number }): Promise<void> {
  const reg = REGISTRATION_SUBJECT_KINDS.has(approval.kind) ? await d.records.registration(approval.subjectId) : undefined;
  disclose(reg ? { kind: 'approval', approvalId: approval.id, customerId: reg.customerId } : { kind: 'approval', approvalId: approval.id });
}
