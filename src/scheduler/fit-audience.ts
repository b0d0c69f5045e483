import type { Domain } from '../domain/domain';
import type { Disclosure } from '../domain/org/disclosure';
import { enqueueNotice } from '../domain/outbox/notices';
import { fitsReaders } from '../bot/audience';
import { AUDIENCE_POINTER_TEMPLATE } from '../bot/render/audience-pointer';
import type { Platform } from '../platforms/types';
import type { OutboxRow } from './compose';
import { routeToStaff, type Route } from './routing';

export type AudienceFit =
  | { kind: 'as_routed' }
  /**
   * Goes to the recipient privately; `pointer` queues the group's one line, run in the unit of
   * work that marks the send (so both commit together).
   */
  | { kind: 'private'; route: Route; pointer: (d: Domain) => Promise<void> }
  /** Addressed to the group itself and more than its members may see: nobody to tell privately. */
  | { kind: 'withheld' };

/**
 * The audience, not the recipient, decides what a group message may contain. A notice for a person
 * that their team's group would show (with an @mention) but that tells more than every member of
 * that group may see goes to the person privately instead, and the group gets one line saying so.
 */
export async function fitAudience(domain: Domain, platforms: Platform[], rows: OutboxRow[], route: Route, disclosed: readonly Disclosure[]): Promise<AudienceFit> {
  if (route.to.kind !== 'chat') return { kind: 'as_routed' };
  if (await fitsReaders(domain, route.platform.name, route.to, disclosed)) return { kind: 'as_routed' };
  const first = rows[0]!;
  if (first.recipientType !== 'staff') return { kind: 'withheld' };
  const direct = await routeToStaff(domain, platforms, first.recipientId, 'private');
  if (!direct || direct.to.kind !== 'user') return { kind: 'withheld' };
  const chatId = route.to.chatId;
  const platform = route.platform.name;
  return {
    kind: 'private',
    route: direct,
    pointer: async (d) => {
      const group = await d.groups.get(platform, chatId);
      if (!group) return;
      await enqueueNotice(d.deps, {
        key: `audience-pointer:${first.id}`,
        to: { type: 'group', id: String(group.id) },
        payload: { template: AUDIENCE_POINTER_TEMPLATE, params: { staffId: first.recipientId, count: rows.length }, mentions: [first.recipientId] },
      });
    },
  };
}
