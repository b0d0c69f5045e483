// Sending a batch of outbound messages as WeCom parts, in order, and knowing exactly what is left
// when one part fails. Replies to inbound messages have no outbox behind them, so when one fails
// retryably the platform itself retries the rest (with back-off) instead of dropping it.
import type { Logger } from '../../log/logger';
import { SendError, type Delivery, type DeliveryTarget, type OutboundMessage } from '../types';
import { withFreshTaskId, type Part } from './encode/message';

export interface Item {
  message: OutboundMessage;
  parts: Part[];
}

export interface PartSender {
  /** Sends one part; for a card, resolves to its cardRef. Throws SendError. */
  sendPart(target: DeliveryTarget, part: Part): Promise<string | undefined>;
}

export type CardSent = (cardId: string, cardRef: string) => void;

export class DeliveryFailure extends Error {
  constructor(
    readonly error: SendError,
    readonly remaining: Item[],
  ) {
    super(error.message);
    this.name = 'DeliveryFailure';
  }
}

export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SendError(message, { retryable: true, code: 'wecom_unexpected' });
}

/** Sends every part of every item; throws DeliveryFailure naming what was not sent. */
export async function deliverItems(sender: PartSender, target: DeliveryTarget, items: Item[], onCard?: CardSent): Promise<string | undefined> {
  let lastCardRef: string | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    for (let j = 0; j < item.parts.length; j++) {
      const part = item.parts[j] as Part;
      try {
        const cardRef = await sender.sendPart(target, part);
        if (part.kind === 'card' && cardRef) {
          lastCardRef = cardRef;
          onCard?.(part.card.id, cardRef);
        }
      } catch (err) {
        const remaining = [{ message: item.message, parts: item.parts.slice(j) }, ...items.slice(i + 1)];
        throw new DeliveryFailure(toSendError(err), remaining);
      }
    }
  }
  return lastCardRef;
}

/** Keeps a reply the platform gave up on (in the outbox); awaited, so a stopping platform hands over everything first. */
export type Undelivered = (delivery: Delivery, error: SendError) => void | Promise<void>;

export interface RetryOptions {
  attempts: number;
  backoffBaseMs: number;
  sleep: (ms: number) => Promise<void>;
  isStopped: () => boolean;
  logger: Logger;
  onUndelivered?: Undelivered | undefined;
}

/** Retries what is left after each failure until it is sent, fails permanently, or attempts run out. */
export async function deliverWithRetry(
  sender: PartSender,
  target: DeliveryTarget,
  items: Item[],
  opts: RetryOptions,
  onCard?: CardSent,
): Promise<void> {
  let left = items;
  let lastError: SendError | undefined;
  for (let attempt = 1; attempt <= opts.attempts && left.length > 0; attempt++) {
    if (opts.isStopped()) break;
    try {
      await deliverItems(sender, target, left, onCard);
      if (attempt > 1) opts.logger.info({ target, attempt }, 'wecom delivery recovered');
      return;
    } catch (err) {
      if (!(err instanceof DeliveryFailure)) throw err;
      left = err.remaining.map((item) => ({ ...item, parts: item.parts.map(withFreshTaskId) }));
      lastError = err.error;
      if (!err.error.retryable) break;
      const delay = err.error.retryAfterMs ?? opts.backoffBaseMs * 2 ** (attempt - 1);
      opts.logger.warn({ target, attempt, code: err.error.code, delayMs: delay }, 'wecom delivery failed; retrying');
      if (attempt < opts.attempts) await opts.sleep(delay);
    }
  }
  if (left.length === 0) return;
  const error = lastError ?? new SendError('WeCom platform stopped before delivery', { retryable: true, code: 'wecom_stopped' });
  for (const item of left) {
    opts.logger.error({ target, code: error.code, retryable: error.retryable }, 'wecom reply undelivered');
    await opts.onUndelivered?.({ to: target, message: item.message }, error);
  }
}
