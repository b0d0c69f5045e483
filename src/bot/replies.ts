import type { Domain } from '../domain/domain';
import { getCard } from '../domain/cards/cards';
import type { OutboundMention, OutboundMessage, PlatformName } from '../platforms/types';
import type { Card } from '../../bot-cards/card';
import type { Reply } from './context';
import { renderCard } from './render/card-renderers';

function messages(reply: Reply, mentions: OutboundMention[], cards: Card[]): OutboundMessage[] {
  const first: OutboundMessage = { text: reply.text, ...(mentions.length ? { mentions } : {}), ...(cards[0] ? { card: cards[0] } : {}) };
  return [first, ...cards.slice(1).map((card) => ({ card })), ...(reply.file ? [{ file: reply.file }] : [])];
}

/** Turns a command's reply into platform-neutral messages: mentions by platform id, cards rendered. Run it in a unit of work. */
export async function toOutbound(domain: Domain, platform: PlatformName, reply: Reply): Promise<OutboundMessage[]> {
  const mentions: OutboundMention[] = [];
  for (const id of reply.mentions ?? []) {
    const s = await domain.dir.get(id);
    const pid = s ? domain.dir.platformIdOf(s, platform) : undefined;
    if (s && pid) mentions.push({ platformUserId: pid, name: s.name });
  }
  const cards: Card[] = [];
  for (const id of reply.cardIds ?? []) {
    const row = await getCard(domain.deps, id);
    if (row) cards.push(await renderCard(row, domain));
  }
  return messages(reply, mentions, cards);
}

/**
 * The messages of a reply that mentions no one and shows no card (a failure or busy notice, an
 * import summary): nothing to look up, so no unit of work is needed. Undefined for any other reply.
 */
export function plainOutbound(reply: Reply): OutboundMessage[] | undefined {
  if ((reply.mentions?.length ?? 0) > 0 || (reply.cardIds?.length ?? 0) > 0) return undefined;
  return messages(reply, [], []);
}
