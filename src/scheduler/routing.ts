import type { Domain } from '../domain/domain';
import type { DeliveryTarget, OutboundMention, Platform } from '../platforms/types';

export interface Route {
  platform: Platform;
  to: DeliveryTarget;
  /** The recipient, @mentioned when the notice goes to a group. */
  mention?: OutboundMention;
}

/**
 * Where a notice for a person goes: their team's bound group (with an @mention) when the notice
 * asks for it and such a group exists, else a private message — on the first enabled platform
 * that knows them.
 */
export async function routeToStaff(domain: Domain, platforms: Platform[], staffId: string, channel: 'private' | 'team'): Promise<Route | undefined> {
  const s = await domain.dir.get(staffId);
  if (!s) return undefined;
  for (const p of platforms) {
    const uid = domain.dir.platformIdOf(s, p.name);
    if (!uid) continue;
    if (channel === 'team' && s.teamId) {
      const group = (await domain.groups.ofTeam(p.name, s.teamId))[0];
      if (group) return { platform: p, to: { kind: 'chat', chatId: group.chatId }, mention: { platformUserId: uid, name: s.name } };
    }
    return { platform: p, to: { kind: 'user', platformUserId: uid } };
  }
  return undefined;
}

export async function routeToGroup(domain: Domain, platforms: Platform[], groupId: number): Promise<Route | undefined> {
  const g = await domain.groups.byId(groupId);
  const p = g ? platforms.find((x) => x.name === g.platform) : undefined;
  return g && p ? { platform: p, to: { kind: 'chat', chatId: g.chatId } } : undefined;
}

export async function mentionsFor(domain: Domain, platform: Platform, staffIds: string[]): Promise<OutboundMention[]> {
  const out: OutboundMention[] = [];
  for (const id of staffIds) {
    const s = await domain.dir.get(id);
    const uid = s ? domain.dir.platformIdOf(s, platform.name) : undefined;
    if (s && uid) out.push({ platformUserId: uid, name: s.name });
  }
  return out;
}
