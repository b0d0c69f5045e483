import type { Directory, Staff } from '../org/directory';
import type { Rules } from '../rules';
import type { AuthorizationRow } from './types';

export type RenewalAudience = Rules['authorization']['expiry']['notify'][number];

/**
 * The people a milestone names, relative to the 负责人: their direct manager, the director above
 * them, the dealer's channel manager. Inactive people are skipped; if nobody is left, the admins
 * are told, so a milestone is never silently lost.
 */
export function renewalRecipients(dir: Directory, a: AuthorizationRow, audience: readonly RenewalAudience[]): string[] {
  const owner = dir.get(a.ownerId);
  const pick: Record<RenewalAudience, () => Staff | undefined> = {
    owner: () => owner,
    manager: () => (owner ? dir.managerOf(owner) : undefined),
    director: () => (owner ? dir.directorFor(owner) : undefined),
    channelManager: () => {
      const id = dir.dealer(a.dealerId)?.channelManagerId;
      return id ? dir.get(id) : undefined;
    },
  };
  const ids = new Set<string>();
  for (const who of audience) {
    const s = pick[who]();
    if (s?.active) ids.add(s.id);
  }
  if (ids.size === 0) for (const admin of dir.admins()) ids.add(admin.id);
  return [...ids];
}
