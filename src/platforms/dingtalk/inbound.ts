// Callback frames → bot handlers → replies. A callback is ACKed once the bot has handled it, at the
// latest at the deadline (see callback-ack.ts for why). Commands of one conversation run in order;
// their replies are sent in order too, but on a queue of their own, so that a slow reply (retries,
// rate limit) does not hold back the next command and its ACK. Repeats are dropped here by id; the
// bot also dedupes durably by messageId / eventId.
import type { Logger } from '../../log/logger';
import type { CardAction, DeliveryTarget, InboundHandlers } from '../types';
import { CallbackAck } from './callback-ack';
import { cardIdFromOutTrackId, type CardRegistry } from './card-tracking';
import { decodeCardCallback, decodeRobotMessage } from './decode';
import { RecentIds } from '../recent-ids';
import type { Replies } from './replies';
import type { RobotApi } from './robot-api';
import { TOPIC_CARD, TOPIC_ROBOT } from './sdk';
import { conversationKey, KeyedSerial } from './send-queue';
import type { SessionWebhooks } from './session-webhook';
import { robotMessageEnvelopeSchema } from './stream-schemas';

const SUPPORTED_MSGTYPES = new Set(['text', 'richText', 'file']);

export interface CallbackFrame {
  headers: { messageId: string; topic: string };
  data: string;
}

export interface InboundOptions {
  handlers(): InboundHandlers | undefined;
  replies: Replies;
  webhooks: SessionWebhooks;
  cards: CardRegistry;
  robot: RobotApi;
  ackDeadlineMs: number;
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
  /** Ids being handled right now: a repeat is ACKed only when the first delivery is. */
  private readonly handling = new Map<string, Promise<unknown>>();
  private readonly commands = new KeyedSerial();
  private readonly outgoing = new KeyedSerial();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly opts: InboundOptions) {}

  onCallback(frame: CallbackFrame, ack: () => void): void {
    if (this.closed) {
      // Stopping: left un-ACKed on purpose, DingTalk pushes it to the next connection.
      this.opts.logger.debug({ messageId: frame.headers.messageId }, 'callback while stopping; left for redelivery');
      return;
    }
    const pending = new CallbackAck(ack, frame.headers.messageId, this.opts.ackDeadlineMs, this.opts.logger);
    const work: Promise<void> = this.process(frame, () => pending.handled())
      .catch((error: unknown) => {
        this.opts.logger.error({ messageId: frame.headers.messageId, error: error instanceof Error ? error.message : String(error) }, 'DingTalk callback handling failed');
      })
      .finally(() => {
        pending.handled();
        this.inFlight.delete(work);
      });
    this.inFlight.add(work);
  }

  /** No more callbacks are taken (nor ACKed); those in hand finish. */
  close(): void {
    this.closed = true;
  }

  /** Waits for callbacks being handled and their replies, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  private async process(frame: CallbackFrame, handled: () => void): Promise<void> {
    const handlers = this.opts.handlers();
    if (!handlers) {
      this.opts.logger.warn({ topic: frame.headers.topic }, 'callback before start(); dropped');
      return;
    }
    if (frame.headers.topic === TOPIC_ROBOT) return this.robotMessage(frame, handlers, handled);
    if (frame.headers.topic === TOPIC_CARD) return this.cardAction(frame, handlers, handled);
    this.opts.logger.debug({ topic: frame.headers.topic }, 'callback topic ignored');
  }

  private async robotMessage(frame: CallbackFrame, handlers: InboundHandlers, handled: () => void): Promise<void> {
    const envelope = robotMessageEnvelopeSchema.safeParse(parseJson(frame.data));
    if (envelope.success && !SUPPORTED_MSGTYPES.has(envelope.data.msgtype)) {
      this.opts.logger.info({ msgtype: envelope.data.msgtype }, 'robot message type not handled; dropped');
      return;
    }
    const decoded = decodeRobotMessage(frame.data, (code, limits) => this.opts.robot.downloadFile(code, limits));
    if (!decoded.ok) {
      this.opts.logger.warn({ messageId: frame.headers.messageId, reason: decoded.reason }, 'dropped malformed robot message');
      return;
    }
    const { message, replyTo, sessionWebhook } = decoded.value;
    const conversation = conversationKey(replyTo);
    if (sessionWebhook) this.opts.webhooks.remember(conversation, sessionWebhook);
    await this.once(`msg:${message.messageId}`, conversation, async () => {
      const response = await handlers.onMessage(message);
      handled();
      return () => this.opts.replies.send(handlers, replyTo, response.replies);
    });
  }

  private async cardAction(frame: CallbackFrame, handlers: InboundHandlers, handled: () => void): Promise<void> {
    const decoded = decodeCardCallback(frame.data, frame.headers.messageId, (outTrackId) =>
      this.opts.cards.get(outTrackId)?.cardId ?? cardIdFromOutTrackId(outTrackId),
    );
    if (!decoded.ok) {
      this.opts.logger.warn({ messageId: frame.headers.messageId, reason: decoded.reason }, 'dropped malformed card callback');
      return;
    }
    const { outTrackId, space, ignoredCardIdParam } = decoded.value;
    if (ignoredCardIdParam !== undefined) {
      this.opts.logger.warn(
        { event: 'dingtalk.card_callback.card_mismatch', messageId: frame.headers.messageId, outTrackId, cardId: decoded.value.action.cardId, paramCardId: ignoredCardIdParam },
        'card callback names another card than its outTrackId; the outTrackId wins',
      );
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
    await this.once(`card:${action.eventId}`, conversationKey(where), async () => {
      const response = await handlers.onCardAction(action);
      handled();
      return async () => {
        if (response.updatedCard) await this.opts.replies.updateCard(handlers, outTrackId, where, response.updatedCard);
        await this.opts.replies.send(handlers, where, response.replies);
      };
    });
  }

  /**
   * Runs `handle` once per id, after the conversation's earlier commands, then queues what it
   * returns behind the conversation's earlier replies and waits for it to be sent.
   */
  private async once(id: string, conversation: string, handle: () => Promise<() => Promise<void>>): Promise<void> {
    if (this.recent.seen(id)) {
      this.opts.logger.debug({ id }, 'repeated callback dropped');
      await this.handling.get(id);
      return;
    }
    let sending: Promise<void> | undefined;
    const handling = this.commands.run(conversation, async () => {
      const send = await handle();
      sending = this.outgoing.run(conversation, send);
    });
    this.handling.set(id, handling.catch(() => undefined));
    try {
      await handling;
    } finally {
      this.handling.delete(id);
    }
    await sending;
  }
}
