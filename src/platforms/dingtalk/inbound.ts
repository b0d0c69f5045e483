// Callback frames → bot handlers → replies. Every CALLBACK is ACKed before anything else: DingTalk
// pushes un-ACKed callbacks again (SDK doc: within ~60 s; users see ~16–60 s), and handling a
// command (database, OpenAPI replies) may take longer than that. Repeats are dropped here by id;
// the bot also dedupes durably by messageId / eventId.
import type { Logger } from '../../log/logger';
import { SendError, type CardAction, type DeliveryTarget, type InboundHandlers, type OutboundMessage } from '../types';
import { cardIdFromOutTrackId, type CardRegistry } from './card-tracking';
import { decodeCardCallback, decodeRobotMessage } from './decode';
import type { Outbound } from './outbound';
import { RecentIds } from './recent-ids';
import type { RobotApi } from './robot-api';
import { sleep } from './rate-limit';
import { TOPIC_CARD, TOPIC_ROBOT } from './sdk';
import { conversationKey, KeyedSerial } from './send-queue';
import type { SessionWebhooks } from './session-webhook';
import { robotMessageEnvelopeSchema } from './stream-schemas';

const SUPPORTED_MSGTYPES = new Set(['text', 'richText', 'file']);
/** Replies are not in the outbox: a few quick tries, then they are logged as lost. */
const REPLY_ATTEMPTS = 3;
const REPLY_MAX_DELAY_MS = 5_000;

export interface CallbackFrame {
  headers: { messageId: string; topic: string };
  data: string;
}

export interface InboundOptions {
  handlers(): InboundHandlers | undefined;
  outbound: Outbound;
  webhooks: SessionWebhooks;
  cards: CardRegistry;
  robot: RobotApi;
  logger: Logger;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export class Inbound {
  private readonly recent = new RecentIds();
  private readonly perConversation = new KeyedSerial();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly opts: InboundOptions) {}

  onCallback(frame: CallbackFrame, ack: () => void): void {
    try {
      ack();
    } catch (error) {
      this.opts.logger.warn({ messageId: frame.headers.messageId, error: String(error) }, 'Stream ACK failed');
    }
    const work: Promise<void> = this.process(frame)
      .catch((error: unknown) => {
        this.opts.logger.error({ messageId: frame.headers.messageId, error: error instanceof Error ? error.message : String(error) }, 'DingTalk callback handling failed');
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Waits for callbacks being handled, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  private async process(frame: CallbackFrame): Promise<void> {
    const handlers = this.opts.handlers();
    if (!handlers) {
      this.opts.logger.warn({ topic: frame.headers.topic }, 'callback before start(); dropped');
      return;
    }
    if (frame.headers.topic === TOPIC_ROBOT) return this.robotMessage(frame, handlers);
    if (frame.headers.topic === TOPIC_CARD) return this.cardAction(frame, handlers);
    this.opts.logger.debug({ topic: frame.headers.topic }, 'callback topic ignored');
  }

  private async robotMessage(frame: CallbackFrame, handlers: InboundHandlers): Promise<void> {
    const envelope = robotMessageEnvelopeSchema.safeParse(parseJson(frame.data));
    if (envelope.success && !SUPPORTED_MSGTYPES.has(envelope.data.msgtype)) {
      this.opts.logger.info({ msgtype: envelope.data.msgtype }, 'robot message type not handled; dropped');
      return;
    }
    const decoded = decodeRobotMessage(frame.data, (code) => this.opts.robot.downloadFile(code));
    if (!decoded.ok) {
      this.opts.logger.warn({ messageId: frame.headers.messageId, reason: decoded.reason }, 'dropped malformed robot message');
      return;
    }
    const { message, replyTo, sessionWebhook } = decoded.value;
    if (this.recent.seen(`msg:${message.messageId}`)) {
      this.opts.logger.debug({ messageId: message.messageId }, 'repeated robot message dropped');
      return;
    }
    const conversation = conversationKey(replyTo);
    if (sessionWebhook) this.opts.webhooks.remember(conversation, sessionWebhook);
    await this.perConversation.run(conversation, async () => {
      const response = await handlers.onMessage(message);
      await this.reply(handlers, replyTo, response.replies);
    });
  }

  private async cardAction(frame: CallbackFrame, handlers: InboundHandlers): Promise<void> {
    const decoded = decodeCardCallback(frame.data, frame.headers.messageId, (outTrackId) =>
      this.opts.cards.get(outTrackId)?.cardId ?? cardIdFromOutTrackId(outTrackId),
    );
    if (!decoded.ok) {
      this.opts.logger.warn({ messageId: frame.headers.messageId, reason: decoded.reason }, 'dropped malformed card callback');
      return;
    }
    const { outTrackId, space } = decoded.value;
    if (this.recent.seen(`card:${decoded.value.action.eventId}`)) {
      this.opts.logger.debug({ eventId: decoded.value.action.eventId }, 'repeated card callback dropped');
      return;
    }
    // Where the card lives: the callback's space, else where we delivered it, else the clicker.
    const where: DeliveryTarget = space ?? this.opts.cards.get(outTrackId)?.to ?? {
      kind: 'user',
      platformUserId: decoded.value.action.senderPlatformId,
    };
    const action: CardAction = {
      ...decoded.value.action,
      ...(where.kind === 'chat' ? { chat: { platform: 'dingtalk', chatId: where.chatId, kind: 'group' } } : {}),
    };
    await this.perConversation.run(conversationKey(where), async () => {
      const response = await handlers.onCardAction(action);
      if (response.updatedCard) {
        const card = response.updatedCard;
        await this.withRetries('card update', () => this.opts.outbound.update(outTrackId, card)).catch(() => undefined);
      }
      await this.reply(handlers, where, response.replies);
    });
  }

  private async reply(handlers: InboundHandlers, to: DeliveryTarget, replies: OutboundMessage[]): Promise<void> {
    for (const reply of replies) {
      try {
        const receipt = await this.withRetries('reply', () => this.opts.outbound.deliver(to, reply));
        if (reply.card) handlers.onCardDelivered(reply.card.id, 'dingtalk', to, receipt);
      } catch {
        // withRetries logged it; the next reply may still go through.
      }
    }
  }

  private async withRetries<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        const retryable = error instanceof SendError && error.retryable;
        if (!retryable || i >= REPLY_ATTEMPTS) {
          this.opts.logger.error({ code: error instanceof SendError ? error.code : undefined, attempts: i }, `DingTalk ${what} not delivered: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        }
        await sleep(Math.min(error.retryAfterMs ?? 250 * 2 ** i, REPLY_MAX_DELAY_MS));
      }
    }
  }
}
