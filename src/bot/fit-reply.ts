import type { Domain } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import type { Disclosure } from '../domain/org/disclosure';
import { getCard } from '../domain/cards/cards';
import { enqueueNotice } from '../domain/outbox/notices';
import type { ChatRef } from '../platforms/types';
import type { Reply } from './context';
import { fitsReaders } from './audience';
import { PRIVATE_POINTER } from './render/audience-pointer';
import { collectDisclosuresAsync } from './render/disclosures';
import { renderCard } from './render/card-renderers';
import { PRIVATE_REPLY_TEMPLATE } from './render/undelivered-reply';
import { lines } from './render/format';

/**
 * The audience, not the asker, decides what a group reply may contain. A reply (text and cards)
 * that tells more than every member of the group may see goes to the asker privately, through the
 * outbox in the command's own transaction, and the group gets the public part and one line.
 * `eventKey` is the platform's message or click id: a redelivery queues nothing twice.
 */
export async function fitReplyToChat(domain: Domain, actor: Staff, chat: ChatRef, eventKey: string, reply: Reply, disclosed: readonly Disclosure[]): Promise<Reply> {
  if (chat.kind !== 'group') return reply;
  const cardIds = reply.cardIds ?? [];
  const cards = await collectDisclosuresAsync(async () => {
    for (const id of cardIds) {
      const row = await getCard(domain.deps, id);
      if (row) await renderCard(row, domain);
    }
  });
  const all = [...disclosed, ...cards.disclosed];
  if (await fitsReaders(domain, chat.platform, { kind: 'chat', chatId: chat.chatId }, all)) return reply;
  const parts: { text: string; cardId?: number }[] = cardIds.length > 0 ? cardIds.map((cardId, i) => ({ text: i === 0 ? reply.text : '', cardId })) : [{ text: reply.text }];
  for (const [i, part] of parts.entries()) {
    await enqueueNotice(domain.deps, {
      key: `private-reply:${chat.platform}:${eventKey}:${i}`,
      to: { type: 'staff', id: actor.id },
      payload: { template: PRIVATE_REPLY_TEMPLATE, params: { text: part.text }, ...(part.cardId !== undefined ? { cardId: part.cardId } : {}) },
    });
  }
  return { text: lines(reply.publicText, PRIVATE_POINTER), mentions: [actor.id] };
}
