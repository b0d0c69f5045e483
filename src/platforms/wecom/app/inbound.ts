// Decoded application callbacks → handlers → answers as application messages to the member.
// A click's updated card spends the click's ResponseCode (valid 72 h, so no 5 s race here); when
// WeCom refuses it, the updated card is sent as a new message.
import type { Logger } from '../../../log/logger';
import type { Card } from '../../../../bot-cards/card';
import type { DeliveryTarget, InboundHandlers, OutboundMessage } from '../../types';
import { deliverWithRetry, type Item, type RetryOptions } from '../delivery';
import { messageParts, type PartOptions } from '../encode/message';
import type { RecentIds } from '../../recent-ids';
import type { AppCallback } from './decode';
import type { AppOutbound } from './outbound';

export interface AppInboundDeps {
  outbound: AppOutbound;
  handlers: InboundHandlers;
  recent: RecentIds;
  logger: Logger;
  partOptions: PartOptions;
  retry: RetryOptions;
}

export async function handleAppCallback(callback: AppCallback, deps: AppInboundDeps): Promise<void> {
  const { handlers, recent, logger } = deps;
  if (callback.kind === 'ignored') {
    logger.debug({ reason: callback.reason }, 'wecom app callback ignored');
    return;
  }
  if (callback.kind === 'message') {
    const { message } = callback;
    if (recent.seen(`app-msg:${message.messageId}`)) return;
    const target: DeliveryTarget = { kind: 'user', platformUserId: message.senderPlatformId };
    const response = await handlers.onMessage(message);
    await push(deps, target, response.replies);
    return;
  }

  const { action, taskId, responseCode } = callback;
  if (recent.seen(`app-evt:${action.eventId}`)) return;
  const target = { kind: 'user', platformUserId: action.senderPlatformId } as const;
  if (responseCode) deps.outbound.rememberClickCode(taskId, responseCode);
  const response = await handlers.onCardAction(action);
  if (response.updatedCard) await updateClicked(deps, target, taskId, responseCode, response.updatedCard);
  await push(deps, target, response.replies);
}

async function updateClicked(deps: AppInboundDeps, target: { kind: 'user'; platformUserId: string }, taskId: string, code: string | undefined, card: Card) {
  let result: 'updated' | 'expired' = 'expired';
  try {
    if (code) result = await deps.outbound.updateWithCode(code, target.platformUserId, taskId, card);
  } catch (err) {
    deps.logger.warn({ cardId: card.id, err: err instanceof Error ? err.message : String(err) }, 'wecom app card update failed');
  }
  if (result === 'expired') await push(deps, target, [{ card }]);
}

function push(deps: AppInboundDeps, target: DeliveryTarget, replies: OutboundMessage[]): Promise<void> {
  const items: Item[] = replies.map((message) => ({ message, parts: messageParts(message, deps.partOptions) }));
  const onCard = (cardId: string, cardRef: string) => deps.handlers.onCardDelivered(cardId, 'wecom', target, { cardRef });
  return deliverWithRetry(deps.outbound, target, items, deps.retry, onCard);
}
