import type { Domain } from '../../domain/domain';
import type { ApprovalRow } from '../../domain/approval/types';

/** The approvers of an approval's first step, by name. */
async function firstApprovers(d: Domain, a: ApprovalRow): Promise<string[]> {
  const names: string[] = [];
  for (const x of await d.approvals.assignees((await d.approvals.steps(a.id))[0]!.id)) names.push((await d.dir.get(x.staffId))?.name ?? x.staffId);
  return names;
}

/** What the requester sees once a 申诉 is filed, from the blocked card or from /申诉. */
export async function disputeFiledText(d: Domain, a: ApprovalRow): Promise<string> {
  return `📮 已提交申诉，${(await firstApprovers(d, a)).join('、')} 会看到双方的报备信息后裁定，结果会通知你。`;
}

/** What the requester sees once a 协作 request is sent, from the blocked card or from /协作. */
export async function collaborationAskedText(d: Domain, a: ApprovalRow): Promise<string> {
  return `🤝 已向 ${(await firstApprovers(d, a))[0]} 发出协作申请，对方同意后你可以查看并跟进该客户。`;
}
