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
  /** Goes to the recipient privately; `pointer` is queued for the group in the same commit as the send's mark. */
  | { kind: 'private'; route: Route; pointer: () => void }
  /** Addressed to the group itself and more than its members may see: nobody to tell privately. */
  | { kind: 'withheld' };

/**
 * The audience, not the recipient, decides what a group message may contain. A notice for a person
 * that their team's group would show (with an @mention) but that tells more than every member of
 * that group may see goes to the person privately instead, and the group gets one line saying so.
 */
export function fitAudience(domain: Domain, platforms: Platform[], rows: OutboxRow[], route: Route, disclosed: readonly Disclosure[]): AudienceFit {
  if (route.to.kind !== 'chat') return { kind: 'as_routed' };
  if (fitsReaders(domain, route.platform.name, route.to, disclosed)) return { kind: 'as_routed' };
  const first = rows[0]!;
  if (first.recipientType !== 'staff') return { kind: 'withheld' };
  const direct = routeToStaff(domain, platforms, first.recipientId, 'private');
  if (!direct || direct.to.kind !== 'user') return { kind: 'withheld' };
  const chatId = route.to.chatId;
  const platform = route.platform.name;
  return {
    kind: 'private',
    route: direct,
    pointer: () => {
      const group = domain.groups.get(platform, chatId);
      if (!group) return;
      enqueueNotice(domain.deps, {
        key: `audience-pointer:${first.id}`,
        to: { type: 'group', id: String(group.id) },
        payload: { template: AUDIENCE_POINTER_TEMPLATE, params: { staffId: first.recipientId, count: rows.length }, mentions: [first.recipientId] },
      });
    },
  };
}
