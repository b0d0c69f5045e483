// Answers to a message or a click. The bot returns them, the platform sends them: a few quick tries
// for retryable failures; what still fails is handed to `onUndelivered`, which keeps it in the
// outbox (the dispatcher retries it with back-off and reports it if it can never be delivered).
// A file goes out as a reply part of its own, after the text, with its own retries (the outbox
// keeps a note in place of a file it could not send: see app/undelivered.ts).
import type { Card } from '../../../bot-cards/card';
import type { Logger } from '../../log/logger';
import { SendError, type Delivery, type DeliveryTarget, type InboundHandlers, type OutboundMessage } from '../types';
import type { Outbound } from './outbound';
import { sleep } from './rate-limit';

const ATTEMPTS = 3;
const MAX_DELAY_MS = 5_000;

/** Keeps a reply the platform gave up on (in the outbox); awaited, so a stopping platform hands over everything first. */
export type Undelivered = (delivery: Delivery, error: SendError) => void | Promise<void>;

function asSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  return new SendError(error instanceof Error ? error.message : String(error), { retryable: true, code: 'Unexpected' });
}

export class Replies {
  constructor(
    private readonly outbound: Outbound,
    private readonly logger: Logger,
    private readonly onUndelivered: Undelivered | undefined,
  ) {}

  /** In order; a reply that fails does not stop the next. Cards are reported to the bot. */
  async send(handlers: InboundHandlers, to: DeliveryTarget, replies: OutboundMessage[]): Promise<void> {
    for (const reply of replies.flatMap(splitFile)) {
      try {
        const receipt = await this.withRetries(reply.file ? 'file reply' : 'reply', () => this.outbound.deliver(to, reply));
        if (reply.card) handlers.onCardDelivered(reply.card.id, 'dingtalk', to, receipt);
      } catch (error) {
        await this.giveUp({ to, message: reply }, error);
      }
    }
  }

  /**
   * The clicked card shows its new state. When DingTalk will not update it any more, or the update
   * keeps failing, the new state goes out as a fresh card, as the dispatcher does for other copies.
   */
  async updateCard(handlers: InboundHandlers, outTrackId: string, where: DeliveryTarget, card: Card): Promise<void> {
    let result: 'updated' | 'expired';
    try {
      result = await this.withRetries('card update', () => this.outbound.update(outTrackId, card));
    } catch (error) {
      await this.giveUp({ to: where, message: { card } }, error);
      return;
    }
    if (result === 'expired') await this.send(handlers, where, [{ card }]);
  }

  private async giveUp(delivery: Delivery, error: unknown): Promise<void> {
    const err = asSendError(error);
    if (this.onUndelivered) await this.onUndelivered(delivery, err);
    else this.logger.error({ event: 'reply.lost', code: err.code }, 'DingTalk reply lost: nobody keeps undelivered replies');
  }

  private async withRetries<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        // A long wait (quota spent, IP banned) is the outbox's job, not a reply's.
        const retryable = error instanceof SendError && error.retryable && (error.retryAfterMs ?? 0) <= MAX_DELAY_MS;
        if (!retryable || i >= ATTEMPTS) {
          this.logger.error(
            { code: error instanceof SendError ? error.code : undefined, attempts: i },
            `DingTalk ${what} not delivered: ${error instanceof Error ? error.message : String(error)}`,
          );
          throw error;
        }
        await sleep(error.retryAfterMs ?? 250 * 2 ** i);
      }
    }
  }
}

/** A reply with text (or a card) and a file → two parts, so that a failed file never repeats the text. */
function splitFile(reply: OutboundMessage): OutboundMessage[] {
  const { file, ...content } = reply;
  if (!file) return [reply];
  const hasContent = content.card !== undefined || (content.text?.trim() ?? '') !== '';
  return hasContent ? [content, { file }] : [{ file }];
}

