import type { Directory, Staff } from '../org/directory';
import type { Rules } from '../rules';
import type { AuthorizationRow } from './types';

export type RenewalAudience = Rules['authorization']['expiry']['notify'][number];

/**
 * The people a milestone names, relative to the 负责人: their direct manager, the director above
 * them, the dealer's channel manager. Inactive people are skipped; if nobody is left, the admins
 * are told, so a milestone is never silently lost.
 */
export async function renewalRecipients(dir: Directory, a: AuthorizationRow, audience: readonly RenewalAudience[]): Promise<string[]> {
  const owner = await dir.get(a.ownerId);
  const pick: Record<RenewalAudience, () => Promise<Staff | undefined>> = {
    owner: async () => owner,
    manager: async () => (owner ? await dir.managerOf(owner) : undefined),
    director: async () => (owner ? await dir.directorFor(owner) : undefined),
    channelManager: async () => {
      const id = (await dir.dealer(a.dealerId))?.channelManagerId;
      return id ? await dir.get(id) : undefined;
    },
  };
  const ids = new Set<string>();
  for (const who of audience) {
    const s = await pick[who]();
    if (s?.active) ids.add(s.id);
  }
  if (ids.size === 0) for (const admin of await dir.admins()) ids.add(admin.id);
  return [...ids];
}
