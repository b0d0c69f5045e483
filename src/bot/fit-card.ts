import type { Card } from '../../bot-cards/card';
import type { Domain } from '../domain/domain';
import type { CardRow } from '../domain/cards/cards';
import type { DeliveryTarget, PlatformName } from '../platforms/types';
import { fitsReaders } from './audience';
import { collectDisclosuresAsync } from './render/disclosures';
import { renderCard } from './render/card-renderers';

/** What a group copy of a card shows when its new state tells more than every member may see. */
export const CARD_DETAILS_WITHHELD = '🔒 详情已私信相关人员（群里有成员无权查看这些内容）';

/**
 * A card's new state for one of its copies. A copy in a group was fit for the group when it was
 * sent, but the group may have changed since (someone new wrote there) and so may the card: a copy
 * that would now tell more than every member may see keeps its title and buttons only.
 */
export async function cardForTarget(domain: Domain, platform: PlatformName, to: DeliveryTarget, row: CardRow): Promise<Card> {
  const { value: card, disclosed } = await collectDisclosuresAsync(() => renderCard(row, domain));
  if (to.kind !== 'chat' || (await fitsReaders(domain, platform, to, disclosed))) return card;
  const { subtitle: _subtitle, sections: _sections, ...rest } = card;
  return { ...rest, fields: [], buttons: card.buttons, footer: CARD_DETAILS_WITHHELD };
}
