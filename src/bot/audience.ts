import type { Domain } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import { everyoneMaySee, type Disclosure, type DisclosureFacts } from '../domain/org/disclosure';
import { authorizationServices } from '../domain/authorization/services';
import type { DeliveryTarget, PlatformName } from '../platforms/types';

export function disclosureFacts(domain: Domain): DisclosureFacts {
  return {
    dir: domain.dir,
    seesCustomer: (viewer, customerId) => domain.queries.seesInFull(viewer, customerId),
    authorization: (id) => authorizationServices(domain).store.byId(id),
    takesPartIn: (viewer, approvalId) => {
      const a = domain.approvals.get(approvalId);
      if (!a) return false;
      return a.requesterId === viewer.id || domain.approvals.steps(approvalId).some((s) => domain.approvals.assignees(s.id).some((x) => x.staffId === viewer.id));
    },
  };
}

/**
 * Everyone who reads a chat: the person of a private chat; the declared members of a group (the
 * organisation file's groups sheet, and anyone since seen writing there). A group whose members
 * were never declared is read by people we do not know: undefined, so only public facts go there.
 */
export function readersOf(domain: Domain, platform: PlatformName, to: DeliveryTarget): Staff[] | undefined {
  if (to.kind === 'user') {
    const s = domain.dir.byPlatformId(platform, to.platformUserId);
    return s ? [s] : undefined;
  }
  const group = domain.groups.get(platform, to.chatId);
  if (!group) return undefined;
  const members = domain.groups.memberIds(group.id).flatMap((id) => domain.dir.get(id) ?? []);
  return members.length > 0 ? members : undefined;
}

export function fitsReaders(domain: Domain, platform: PlatformName, to: DeliveryTarget, disclosed: readonly Disclosure[]): boolean {
  if (disclosed.length === 0) return true;
  return everyoneMaySee(disclosureFacts(domain), readersOf(domain, platform, to), disclosed);
}
