import type { Domain } from '../domain/domain';
import { getCard } from '../domain/cards/cards';
import type { OutboundMessage, PlatformName } from '../platforms/types';
import type { Reply } from './context';
import { renderCard } from './render/card-renderers';

/** Turns a command's reply into platform-neutral messages: mentions by platform id, cards rendered. */
export function toOutbound(domain: Domain, platform: PlatformName, reply: Reply): OutboundMessage[] {
  const mentions = (reply.mentions ?? []).flatMap((id) => {
    const s = domain.dir.get(id);
    const pid = s ? domain.dir.platformIdOf(s, platform) : undefined;
    return s && pid ? [{ platformUserId: pid, name: s.name }] : [];
  });
  const cards = (reply.cardIds ?? []).flatMap((id) => {
    const row = getCard(domain.deps, id);
    return row ? [renderCard(row, domain)] : [];
  });
  const first: OutboundMessage = { text: reply.text, ...(mentions.length ? { mentions } : {}), ...(cards[0] ? { card: cards[0] } : {}) };
  return [first, ...cards.slice(1).map((card) => ({ card })), ...(reply.file ? [{ file: reply.file }] : [])];
}
