import type { Directory, Staff } from './directory';

/**
 * Who may see a customer in full (contacts, history): the owner; the owner's managers;
 * directors and admins; a dealer's people for their own company's customers.
 */
export async function canSeeCustomerDetails(dir: Directory, viewer: Staff, ownerId: string): Promise<boolean> {
  if (viewer.id === ownerId) return true;
  if (viewer.role === 'director' || viewer.role === 'admin') return true;
  const owner = await dir.get(ownerId);
  if (!owner) return false;
  if (viewer.role === 'partner') return viewer.dealerId !== null && viewer.dealerId === owner.dealerId;
  if (viewer.role === 'manager') return await dir.isAbove(viewer, owner);
  return false;
}

/** The staff ids whose customers `viewer` sees in full (undefined = everyone's). */
export async function visibleOwnerIds(dir: Directory, viewer: Staff): Promise<string[] | undefined> {
  if (viewer.role === 'director' || viewer.role === 'admin') return undefined;
  if (viewer.role === 'manager') return [viewer.id, ...(await dir.reportsOf(viewer)).map((s) => s.id)];
  if (viewer.role === 'partner' && viewer.dealerId) return (await dir.staffOfDealer(viewer.dealerId)).map((s) => s.id);
  return [viewer.id];
}
