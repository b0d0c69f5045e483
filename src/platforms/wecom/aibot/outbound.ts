// Everything the bot posts over the long connection: replies bound to an inbound frame
// (aibot_respond_msg, same req_id) and pushes (aibot_send_msg), both paced per conversation.
// A file is uploaded first (its own frames, not paced: they post nothing), then posted by media_id.
import { generateReqId, type SendMsgBody, type TemplateCard, type WsFrame } from '@wecom/aibot-node-sdk';
import { SendError, type DeliveryTarget, type OutboundFile } from '../../types';
import { errcodeToSendError, isRateLimited } from '../errcodes';
import type { Part } from '../encode/message';
import type { PartSender } from '../delivery';
import { UploadedMedia } from '../media';
import type { SendQueue } from '../send-queue';
import type { AibotConnection } from './connection';
import { uploadMedia } from './upload';

export const AIBOT_CARD_REF_PREFIX = 'aibot:';

/** The SDK rejects with the raw ack frame when WeCom answers errcode ≠ 0, and with an Error otherwise. */
export function ackErrorToSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (typeof err === 'object' && err !== null && typeof (err as { errcode?: unknown }).errcode === 'number') {
    const ack = err as { errcode: number; errmsg?: string };
    return errcodeToSendError(ack.errcode, ack.errmsg);
  }
  const message = err instanceof Error ? err.message : String(err);
  const code = /ack timeout/i.test(message) ? 'wecom_ack_timeout' : 'wecom_disconnected';
  return new SendError(`WeCom long connection: ${message}`, { retryable: true, code });
}

function conversationKey(target: DeliveryTarget): string {
  return target.kind === 'chat' ? `aibot:chat:${target.chatId}` : `aibot:user:${target.platformUserId}`;
}

export class AibotOutbound implements PartSender {
  private readonly media = new UploadedMedia();

  constructor(
    private readonly conn: AibotConnection,
    private readonly queue: SendQueue,
    private readonly connectWaitMs: number,
  ) {}

  /** Push: aibot_send_msg to a group chatid (chat_type 2) or to a user's single chat (chat_type 1). */
  async sendPart(target: DeliveryTarget, part: Part): Promise<string | undefined> {
    const chatid = target.kind === 'chat' ? target.chatId : target.platformUserId;
    const chat_type = target.kind === 'chat' ? 2 : 1;
    let message: SendMsgBody;
    if (part.kind === 'file') message = { msgtype: 'file', file: { media_id: await this.mediaId(part.file) } };
    else if (part.kind === 'markdown') message = { msgtype: 'markdown', markdown: { content: part.content } };
    else message = { msgtype: 'template_card', template_card: part.templateCard as TemplateCard };
    // chat_type is in doc 101463's aibot_send_msg sample (1 single, 2 group); the SDK leaves it out.
    const body: SendMsgBody = Object.assign(message, { chat_type });
    await this.paced(target, () => this.conn.client.sendMessage(chatid, body));
    return part.kind === 'card' ? AIBOT_CARD_REF_PREFIX + part.templateCard.task_id : undefined;
  }

  /** Reply bound to the inbound frame: markdown as a finished stream, cards as template_card. */
  async replyPart(frame: WsFrame, target: DeliveryTarget, part: Part): Promise<string | undefined> {
    if (part.kind === 'file') {
      const mediaId = await this.mediaId(part.file);
      await this.paced(target, () => this.conn.client.replyMedia(frame, 'file', mediaId));
      return undefined;
    }
    if (part.kind === 'card') {
      await this.paced(target, () => this.conn.client.replyTemplateCard(frame, part.templateCard as TemplateCard));
      return AIBOT_CARD_REF_PREFIX + part.templateCard.task_id;
    }
    try {
      await this.paced(target, () => this.conn.client.replyStream(frame, generateReqId('stream'), part.content, true));
    } catch (err) {
      // Some clients refuse stream replies (reported errcode 600039); plain markdown is also a
      // documented aibot_respond_msg type.
      if (!(err instanceof SendError) || err.code !== 'wecom_600039') throw err;
      await this.paced(target, () => this.conn.client.reply(frame, { msgtype: 'markdown', markdown: { content: part.content } }));
    }
    return undefined;
  }

  /** Uploads the file once per reply, however often its message has to be retried. */
  private mediaId(file: OutboundFile): Promise<string> {
    return this.media.mediaId(file, async () => {
      await this.connected();
      try {
        return await uploadMedia(this.conn.client, file);
      } catch (err) {
        throw ackErrorToSendError(err);
      }
    });
  }

  private async connected(): Promise<void> {
    if (!this.conn.isConnected() && !(await this.conn.waitUntilConnected(this.connectWaitMs))) {
      throw new SendError('WeCom long connection is down', { retryable: true, retryAfterMs: 5_000, code: 'wecom_disconnected' });
    }
  }

  private async paced(target: DeliveryTarget, send: () => Promise<unknown>): Promise<void> {
    await this.connected();
    const key = conversationKey(target);
    await this.queue.acquire(key);
    try {
      await send();
    } catch (err) {
      const error = ackErrorToSendError(err);
      if (isRateLimited(error)) this.queue.block(key, error.retryAfterMs as number);
      throw error;
    }
  }
}
