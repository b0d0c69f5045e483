// outTrackId: DingTalk's handle on one delivered card instance, chosen by us. It carries the
// dealguard card id so a click can be traced back even after a restart; the in-memory registry
// also remembers where the card went, for replies to a click.
import { randomBytes } from 'node:crypto';
import type { DeliveryTarget } from '../types';

const MAX_TRACKED = 5_000;
const FORMAT = /^dg_([A-Za-z0-9-]+)_[0-9a-f]{12}$/;

export function newOutTrackId(cardId: string): string {
  const safe = cardId.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 64) || 'card';
  return `dg_${safe}_${randomBytes(6).toString('hex')}`;
}

/** The card id embedded by newOutTrackId; undefined for instances that are not ours. */
export function cardIdFromOutTrackId(outTrackId: string): string | undefined {
  return FORMAT.exec(outTrackId)?.[1];
}

export interface TrackedCard {
  cardId: string;
  to: DeliveryTarget;
}

export class CardRegistry {
  private readonly cards = new Map<string, TrackedCard>();

  remember(outTrackId: string, card: TrackedCard): void {
    this.cards.set(outTrackId, card);
    if (this.cards.size > MAX_TRACKED) {
      const oldest = this.cards.keys().next().value;
      if (oldest !== undefined) this.cards.delete(oldest);
    }
  }

  get(outTrackId: string): TrackedCard | undefined {
    return this.cards.get(outTrackId);
  }
}
