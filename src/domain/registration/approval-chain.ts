import type { ApprovalStepSpec } from '../approval/types';
import type { Directory, Staff } from '../org/directory';

/**
 * Who approves a registration: a salesperson's manager, then the director for a key account;
 * a dealer's channel manager; a manager's director. Directors and admins need nobody.
 * Returns undefined when someone is needed but nobody is configured.
 */
export async function registrationChain(dir: Directory, actor: Staff, keyAccount: boolean): Promise<ApprovalStepSpec[] | undefined> {
  if (actor.role === 'director' || actor.role === 'admin') return [];
  // Looked up only when needed: a key account, or nobody below the director to ask.
  let found: { director: Staff | undefined } | undefined;
  const directorOf = async () => (found ??= { director: await dir.directorFor(actor) }).director;
  if (actor.role === 'partner') {
    const dealer = await dir.dealer(actor.dealerId);
    const cm = (dealer?.channelManagerId && (await dir.get(dealer.channelManagerId))) || (await dir.managerOf(actor));
    const first = cm?.active ? cm : await directorOf();
    const director = keyAccount ? await directorOf() : undefined;
    if (!first) return undefined;
    return keyAccount && director && director.id !== first.id
      ? [{ mode: 'any', approvers: [first.id] }, { mode: 'any', approvers: [director.id] }]
      : [{ mode: 'any', approvers: [first.id] }];
  }
  const manager = await dir.managerOf(actor);
  const first = manager?.active ? manager : await directorOf();
  const director = keyAccount ? await directorOf() : undefined;
  if (!first) {
    const admins = await dir.admins();
    return admins.length > 0 ? [{ mode: 'any', approvers: admins.map((a) => a.id) }] : undefined;
  }
  if (keyAccount && director && director.id !== first.id) {
    return [{ mode: 'any', approvers: [first.id] }, { mode: 'any', approvers: [director.id] }];
  }
  return [{ mode: 'any', approvers: [first.id] }];
}

/** Who decides an extension: the owner's manager (or the director when there is none). */
export async function managerChain(dir: Directory, owner: Staff): Promise<ApprovalStepSpec[] | undefined> {
  const m = await dir.managerOf(owner);
  const first = m?.active ? m : await dir.directorFor(owner);
  return first ? [{ mode: 'any', approvers: [first.id] }] : undefined;
}
