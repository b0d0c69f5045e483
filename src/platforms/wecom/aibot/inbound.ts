// Inbound over the long connection: message and click frames → handlers → answers in the same chat.
// Replies go bound to the message's req_id; when that fails retryably (connection dropped, ack
// timeout, req_id gone after a reconnect) the rest is pushed with aibot_send_msg, with retries.
// A click's updated card must go out with the event's req_id within 5 s of the click; it is tried
// even when the handler was slow, and when WeCom refuses it the updated card is posted as a new message.
import type { TemplateCard, WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../../log/logger';
import type { Card } from '../../../../bot-cards/card';
import type { DeliveryTarget, IncomingMessage, InboundHandlers, OutboundMessage } from '../../types';
import { encodeCard } from '../encode/card';
import { messageParts, type PartOptions } from '../encode/message';
import { deliverItems, DeliveryFailure, deliverWithRetry, type Item, type PartSender, type RetryOptions } from '../delivery';
import type { RecentIds } from '../../recent-ids';
import type { AibotConnection } from './connection';
import { decodeCardEvent, decodeMessage, targetOf } from './decode';
import { cardEventFrameSchema, eventTypeSchema, msgFrameSchema } from './frames';
import type { AibotOutbound } from './outbound';
import { openAibotFile, unopenedAibotFile, type FileRef, type OpenedFile } from './file-download';

export const CARD_UPDATE_DEADLINE_MS = 5_000;

export interface AibotInboundDeps {
  conn: AibotConnection;
  outbound: AibotOutbound;
  handlers: InboundHandlers;
  recent: RecentIds;
  logger: Logger;
  partOptions: PartOptions;
  retry: RetryOptions;
  botName?: string | undefined;
}

export class AibotInbound {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: AibotInboundDeps) {}

  attach(): void {
    this.deps.conn.client.on('message', this.onMessage);
    this.deps.conn.client.on('event', this.onEvent);
  }

  /** Stops listening and waits for the frames being handled. */
  async detach(): Promise<void> {
    this.deps.conn.client.off('message', this.onMessage);
    this.deps.conn.client.off('event', this.onEvent);
    await Promise.allSettled([...this.inFlight]);
  }

  private readonly onMessage = (frame: WsFrame) => this.track(this.handleMessage(frame));
  private readonly onEvent = (frame: WsFrame) => this.track(this.handleEvent(frame));

  private track(work: Promise<void>): void {
    const guarded = work.catch((err: unknown) => {
      this.deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'wecom aibot frame handling failed');
    });
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  private async handleMessage(raw: WsFrame): Promise<void> {
    const { logger, recent, handlers } = this.deps;
    const parsed = msgFrameSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn({ reqId: raw.headers?.req_id, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'malformed aibot message frame dropped');
      return;
    }
    const frame = parsed.data;
    if (recent.seen(`msg:${frame.body.msgid}`)) {
      logger.debug({ msgid: frame.body.msgid }, 'duplicate aibot message ignored');
      return;
    }
    const decoded = decodeMessage(frame, this.deps.botName);
    if (!decoded) {
      logger.debug({ msgtype: frame.body.msgtype }, 'aibot message type not handled');
      return;
    }
    const message: IncomingMessage = { ...decoded.message };
    const opened = decoded.file ? await this.openFile(decoded.file) : undefined;
    if (opened) message.file = opened.file;

    let response;
    try {
      response = await handlers.onMessage(message);
    } finally {
      await opened?.release();
    }
    await this.reply(raw, targetOf(frame.body), response.replies);
  }

  private async reply(frame: WsFrame, target: DeliveryTarget, replies: OutboundMessage[]): Promise<void> {
    const items = this.items(replies);
    const bound: PartSender = { sendPart: (t, part) => this.deps.outbound.replyPart(frame, t, part) };
    try {
      await deliverItems(bound, target, items, this.cardDelivered(target));
    } catch (err) {
      if (!(err instanceof DeliveryFailure)) throw err;
      const fallBack = err.error.retryable || err.error.code === 'wecom_846605';
      this.deps.logger.warn({ target, code: err.error.code, fallBack }, 'wecom reply failed');
      if (fallBack) {
        await this.push(target, err.remaining);
        return;
      }
      for (const item of err.remaining) {
        this.deps.logger.error({ target, code: err.error.code }, 'wecom reply undelivered');
        await this.deps.retry.onUndelivered?.({ to: target, message: item.message }, err.error);
      }
    }
  }

  private async handleEvent(raw: WsFrame): Promise<void> {
    const { logger, recent, handlers } = this.deps;
    const type = eventTypeSchema.safeParse(raw);
    if (!type.success) {
      logger.warn({ reqId: raw.headers?.req_id }, 'malformed aibot event frame dropped');
      return;
    }
    if (type.data.body.event.eventtype !== 'template_card_event') return;
    const parsed = cardEventFrameSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn({ reqId: raw.headers?.req_id, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'malformed card event dropped');
      return;
    }
    const frame = parsed.data;
    if (recent.seen(`evt:${frame.body.msgid}`)) {
      logger.debug({ msgid: frame.body.msgid }, 'duplicate card event ignored');
      return;
    }
    const click = decodeCardEvent(frame);
    if (!click) {
      logger.warn({ msgid: frame.body.msgid }, 'click on a card dealguard did not make ignored');
      return;
    }
    const receivedAt = Date.now();
    const target = targetOf(frame.body);
    const response = await handlers.onCardAction(click.action);
    if (response.updatedCard) await this.updateClickedCard(raw, click.taskId, response.updatedCard, target, receivedAt);
    if (response.replies.length > 0) await this.push(target, this.items(response.replies));
  }

  private async updateClickedCard(frame: WsFrame, taskId: string, card: Card, target: DeliveryTarget, receivedAt: number): Promise<void> {
    const elapsed = Date.now() - receivedAt;
    if (elapsed > CARD_UPDATE_DEADLINE_MS) {
      this.deps.logger.warn({ elapsedMs: elapsed, cardId: card.id }, 'card update after the 5 s window; trying anyway');
    }
    const encoded = encodeCard(card, { taskId, linkUrl: this.deps.partOptions.linkUrl });
    try {
      await this.deps.conn.client.updateTemplateCard(frame, encoded.templateCard as TemplateCard);
      if (encoded.overflowText) await this.push(target, this.items([{ text: encoded.overflowText }]));
    } catch (err) {
      this.deps.logger.warn({ cardId: card.id, err: describe(err) }, 'card update refused; posting the updated card as a new message');
      await this.push(target, this.items([{ card }]));
    }
  }

  private push(target: DeliveryTarget, items: Item[]): Promise<void> {
    return deliverWithRetry(this.deps.outbound, target, items, this.deps.retry, this.cardDelivered(target));
  }

  private items(replies: OutboundMessage[]): Item[] {
    return replies.map((message) => ({ message, parts: messageParts(message, this.deps.partOptions) }));
  }

  private cardDelivered(target: DeliveryTarget) {
    return (cardId: string, cardRef: string) => this.deps.handlers.onCardDelivered(cardId, 'wecom', target, { cardRef });
  }

  /** The file's name and length before the handler runs; its body only if the handler downloads it (file-download.ts). */
  private async openFile(ref: FileRef): Promise<OpenedFile> {
    try {
      return await openAibotFile(ref);
    } catch (err) {
      this.deps.logger.warn({ err: describe(err) }, 'wecom file prefetch failed; handler may retry');
      return { file: unopenedAibotFile(ref), release: async () => undefined };
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'errcode' in err) return `errcode ${(err as { errcode: unknown }).errcode}`;
  return String(err);
}
