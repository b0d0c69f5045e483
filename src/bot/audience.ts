import type { Domain } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import { everyoneMaySee, type Disclosure, type DisclosureFacts } from '../domain/org/disclosure';
import { authorizationServices } from '../domain/authorization/services';
import type { DeliveryTarget, PlatformName } from '../platforms/types';

export function disclosureFacts(domain: Domain): DisclosureFacts {
  return {
    dir: domain.dir,
    seesCustomer: async (viewer, customerId) => await domain.queries.seesInFull(viewer, customerId),
    authorization: async (id) => await authorizationServices(domain).store.byId(id),
    takesPartIn: async (viewer, approvalId) => {
      const a = await domain.approvals.get(approvalId);
      if (!a) return false;
      if (a.requesterId === viewer.id) return true;
      for (const s of await domain.approvals.steps(approvalId)) {
        if ((await domain.approvals.assignees(s.id)).some((x) => x.staffId === viewer.id)) return true;
      }
      return false;
    },
  };
}

/**
 * Everyone who reads a chat: the person of a private chat; the declared members of a group (the
 * organisation file's groups sheet, and anyone since seen writing there). A group whose members
 * were never declared is read by people we do not know: undefined, so only public facts go there.
 */
export async function readersOf(domain: Domain, platform: PlatformName, to: DeliveryTarget): Promise<Staff[] | undefined> {
  if (to.kind === 'user') {
    const s = await domain.dir.byPlatformId(platform, to.platformUserId);
    return s ? [s] : undefined;
  }
  const group = await domain.groups.get(platform, to.chatId);
  if (!group) return undefined;
  const members: Staff[] = [];
  for (const id of await domain.groups.memberIds(group.id)) {
    const s = await domain.dir.get(id);
    if (s) members.push(s);
  }
  return members.length > 0 ? members : undefined;
}

export async function fitsReaders(domain: Domain, platform: PlatformName, to: DeliveryTarget, disclosed: readonly Disclosure[]): Promise<boolean> {
  if (disclosed.length === 0) return true;
  return await everyoneMaySee(disclosureFacts(domain), await readersOf(domain, platform, to), disclosed);
}
