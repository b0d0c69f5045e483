// OutboundMessage → DingTalk. Channel choice, cheapest that works first:
// - card: interactive card (createAndDeliver); @mentions via the card's atUserIds.
// - text: the conversation's sessionWebhook while valid (no quota; `at` really notifies);
//   else OpenAPI: oToMessages/batchSend to a person, groupMessages/send to a group — which cannot
//   @ anyone, so a group text with mentions goes out as a notice card carrying atUserIds.
// - file: after the text/card, as its own robot message: uploaded to the legacy media API, then
//   msgKey sampleFile through oToMessages/batchSend or groupMessages/send (never the sessionWebhook).
import type { Card } from '../../../bot-cards/card';
import type { Logger } from '../../log/logger';
import { SendError, type DeliveryTarget, type OutboundFile, type OutboundMention, type OutboundMessage, type SendReceipt } from '../types';
import { CardRegistry, newOutTrackId } from './card-tracking';
import { encodeCard } from './encode-card';
import { cardAtUserIds, textWithMentions, uniqueMentions } from './encode-text';
import type { RobotApi } from './robot-api';
import { conversationKey, type ConversationQueues } from './send-queue';
import { postSessionWebhook, type SessionWebhooks } from './session-webhook';

const TITLE_MAX = 40;

export interface OutboundOptions {
  robot: RobotApi;
  webhooks: SessionWebhooks;
  queues: ConversationQueues;
  cards: CardRegistry;
  templateFor(kind: string): string;
  httpTimeoutMs: number;
  logger: Logger;
}

/** A text shown as a card: first line as title, the rest as body. */
function noticeCard(text: string): { card: Card; intro: string } {
  const [first = '', ...rest] = text.split('\n');
  const title = first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
  const intro = first.length > TITLE_MAX ? text : rest.join('\n');
  return { card: { id: 'message', kind: 'notice', title, fields: [], buttons: [] }, intro };
}

export class Outbound {
  /**
   * media_id of a file already uploaded, by its bytes: a retry of the same reply (sampleFile
   * refused for a moment) sends the file again without uploading it again.
   */
  private readonly uploaded = new WeakMap<Buffer, string>();

  constructor(private readonly opts: OutboundOptions) {}

  /** Text or card first, then the file: each is one robot message and takes its own rate-limit slot. */
  async deliver(to: DeliveryTarget, message: OutboundMessage): Promise<SendReceipt> {
    const key = conversationKey(to);
    const { file, ...content } = message;
    if (!file) return this.opts.queues.run(key, () => this.deliverNow(to, message));
    const receipt = hasContent(content) ? await this.opts.queues.run(key, () => this.deliverNow(to, content)) : {};
    await this.opts.queues.run(key, () => this.deliverFile(to, file));
    return receipt;
  }

  /** Public card data is replaced for everyone who sees the card. */
  async update(outTrackId: string, card: Card): Promise<'updated' | 'expired'> {
    try {
      await this.opts.robot.updateCard(outTrackId, encodeCard(card).params);
      return 'updated';
    } catch (err) {
      if (err instanceof SendError && !err.retryable) {
        this.opts.logger.warn({ outTrackId, code: err.code }, 'DingTalk refused the card update');
        return 'expired';
      }
      throw err;
    }
  }

  private async deliverNow(to: DeliveryTarget, message: OutboundMessage): Promise<SendReceipt> {
    const mentions = uniqueMentions(message.mentions);
    if (message.card) return this.deliverCard(to, message.card, message.text, mentions);
    const text = message.text?.trim() ?? '';
    if (text === '') {
      this.opts.logger.warn({ to: to.kind }, 'empty outbound message skipped');
      return {};
    }
    if (await this.viaSessionWebhook(to, text, mentions)) return {};
    if (to.kind === 'user') {
      await this.opts.robot.sendUserText(to.platformUserId, text);
    } else if (mentions.length === 0) {
      await this.opts.robot.sendGroupText(to.chatId, text);
    } else {
      const notice = noticeCard(text);
      await this.deliverCard(to, notice.card, notice.intro, mentions);
    }
    return {};
  }

  private async deliverFile(to: DeliveryTarget, file: OutboundFile): Promise<void> {
    let mediaId = this.uploaded.get(file.content);
    if (!mediaId) {
      mediaId = await this.opts.robot.uploadFile(file.name, file.content);
      this.uploaded.set(file.content, mediaId);
    }
    await this.opts.robot.sendFile(to, mediaId, file.name);
    this.opts.logger.debug({ to: to.kind, bytes: file.content.length }, 'DingTalk file message sent');
  }

  private async viaSessionWebhook(to: DeliveryTarget, text: string, mentions: OutboundMention[]): Promise<boolean> {
    const key = conversationKey(to);
    const hook = this.opts.webhooks.valid(key);
    if (!hook) return false;
    const atIds = to.kind === 'chat' ? mentions.map((m) => m.platformUserId) : [];
    try {
      await postSessionWebhook(hook, {
        msgtype: 'text',
        text: { content: atIds.length > 0 ? textWithMentions(text, mentions) : text },
        ...(atIds.length > 0 ? { at: { atUserIds: atIds, isAtAll: false } } : {}),
      }, this.opts.httpTimeoutMs);
      return true;
    } catch (err) {
      this.opts.webhooks.forget(key);
      this.opts.logger.info({ code: err instanceof SendError ? err.code : undefined }, 'sessionWebhook failed; using OpenAPI');
      return false;
    }
  }

  private async deliverCard(to: DeliveryTarget, card: Card, intro: string | undefined, mentions: OutboundMention[]): Promise<SendReceipt> {
    const { params, dropped } = encodeCard(card, intro);
    if (dropped.length > 0) {
      this.opts.logger.warn({ cardId: card.id, dropped: dropped.map((b) => b.action) }, 'card has more buttons than the template slots');
    }
    const outTrackId = newOutTrackId(card.id);
    await this.opts.robot.createAndDeliverCard({
      templateId: this.opts.templateFor(card.kind),
      outTrackId,
      params,
      to,
      ...(to.kind === 'chat' && mentions.length > 0 ? { atUserIds: cardAtUserIds(mentions) } : {}),
    });
    this.opts.cards.remember(outTrackId, { cardId: card.id, to });
    return { cardRef: outTrackId };
  }
}

function hasContent(message: OutboundMessage): boolean {
  return message.card !== undefined || (message.text?.trim() ?? '') !== '';
}
