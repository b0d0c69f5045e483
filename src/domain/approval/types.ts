import type { approvals, approvalSteps, approvalAssignees } from '../../../db/schema';

export type ApprovalRow = typeof approvals.$inferSelect;
export type ApprovalStepRow = typeof approvalSteps.$inferSelect;
export type AssigneeRow = typeof approvalAssignees.$inferSelect;

export interface ApprovalStepSpec {
  mode: 'any' | 'all';
  approvers: string[];
}

export interface StartApproval {
  kind: string;
  subjectId: number;
  requesterId: string;
  title: string;
  facts: { label: string; value: string }[];
  chain: ApprovalStepSpec[];
}

/** What a kind of approval does when it is decided; awaited inside the deciding transaction. */
export interface ApprovalKindHandler {
  onApproved(approval: ApprovalRow, deciderId: string): Promise<void>;
  onRejected(approval: ApprovalRow, deciderId: string, reason: string): Promise<void>;
}

export type DecideOutcome =
  | { result: 'approved' | 'rejected'; approval: ApprovalRow }
  | { result: 'advanced'; approval: ApprovalRow; nextStep: ApprovalStepRow }
  | { result: 'recorded'; approval: ApprovalRow };
