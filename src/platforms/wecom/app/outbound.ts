// Application messages (doc 90236: /cgi-bin/message/send) to one member, and card updates
// (doc 94888: /cgi-bin/message/update_template_card). An update spends a response_code, each usable
// once within 72 h: the one message/send returned, or the newer one each click brings. The cardRef
// carries the send's code; clicks' codes are kept in memory, newest first. A file goes up as
// temporary media (/cgi-bin/media/upload), then out as msgtype "file".
import type { Card } from '../../../../bot-cards/card';
import { SendError, type DeliveryTarget } from '../../types';
import { encodeCard } from '../encode/card';
import type { Part } from '../encode/message';
import type { PartSender } from '../delivery';
import { isRateLimited } from '../errcodes';
import { UploadedMedia } from '../media';
import type { SendQueue } from '../send-queue';
import type { QyApi } from './qyapi';

export const APP_CARD_REF_PREFIX = 'app:';

interface AppCardRef {
  taskId: string;
  responseCode: string;
  userId: string;
}

export function formatAppCardRef(ref: AppCardRef): string {
  return APP_CARD_REF_PREFIX + [ref.taskId, ref.responseCode, ref.userId].map(encodeURIComponent).join(':');
}

export function parseAppCardRef(cardRef: string): AppCardRef | undefined {
  if (!cardRef.startsWith(APP_CARD_REF_PREFIX)) return undefined;
  const fields = cardRef.slice(APP_CARD_REF_PREFIX.length).split(':');
  if (fields.length !== 3) return undefined;
  const [taskId, responseCode, userId] = fields.map(decodeURIComponent) as [string, string, string];
  return taskId && userId ? { taskId, responseCode, userId } : undefined;
}

export class AppOutbound implements PartSender {
  /** Unspent response codes by task_id, from clicks (newest last). */
  private readonly clickCodes = new Map<string, string[]>();
  private readonly spent = new Set<string>();
  private readonly media = new UploadedMedia();

  constructor(
    private readonly api: QyApi,
    private readonly queue: SendQueue,
    private readonly agentId: number,
    private readonly linkUrl: string,
  ) {}

  async sendPart(target: DeliveryTarget, part: Part): Promise<string | undefined> {
    if (target.kind !== 'user') {
      throw new SendError('A WeCom application posts to members only; group chats need the intelligent bot (WECOM_MODE=aibot|both)', {
        retryable: false,
        code: 'wecom_app_chat_unsupported',
      });
    }
    const touser = target.platformUserId;
    if (part.kind === 'file') {
      const file = part.file;
      const mediaId = await this.media.mediaId(file, () => this.api.upload('file', file));
      await this.paced(touser, () => this.api.post('/cgi-bin/message/send', { touser, agentid: this.agentId, msgtype: 'file', file: { media_id: mediaId } }));
      return undefined;
    }
    const body =
      part.kind === 'markdown'
        ? { touser, agentid: this.agentId, msgtype: 'markdown', markdown: { content: part.content } }
        : { touser, agentid: this.agentId, msgtype: 'template_card', template_card: part.templateCard };
    const response = await this.paced(touser, () => this.api.post('/cgi-bin/message/send', body));
    if (part.kind !== 'card') return undefined;
    const responseCode = typeof response.response_code === 'string' ? response.response_code : '';
    return formatAppCardRef({ taskId: part.templateCard.task_id, responseCode, userId: touser });
  }

  rememberClickCode(taskId: string, responseCode: string): void {
    const codes = this.clickCodes.get(taskId) ?? [];
    codes.push(responseCode);
    this.clickCodes.set(taskId, codes.slice(-5));
  }

  /** 'expired' when no unspent response code is left or WeCom refuses every one we had. */
  async updateCard(cardRef: string, card: Card): Promise<'updated' | 'expired'> {
    const ref = parseAppCardRef(cardRef);
    if (!ref) return 'expired';
    const codes = [...(this.clickCodes.get(ref.taskId) ?? [])].reverse();
    if (ref.responseCode) codes.push(ref.responseCode);
    for (const code of codes) {
      if (this.spent.has(code)) continue;
      if ((await this.updateWithCode(code, ref.userId, ref.taskId, card)) === 'updated') return 'updated';
    }
    return 'expired';
  }

  async updateWithCode(responseCode: string, userId: string, taskId: string, card: Card): Promise<'updated' | 'expired'> {
    this.spend(responseCode);
    const { templateCard } = encodeCard(card, { taskId, linkUrl: this.linkUrl });
    try {
      await this.api.post('/cgi-bin/message/update_template_card', {
        userids: [userId],
        agentid: this.agentId,
        response_code: responseCode,
        template_card: templateCard,
      });
      this.forget(taskId, responseCode);
      return 'updated';
    } catch (err) {
      // Frequency limits and outages are worth retrying; any other refusal means the code is used up.
      if (err instanceof SendError && (isRateLimited(err) || err.code === 'wecom_http' || err.code === 'wecom_-1')) {
        this.spent.delete(responseCode);
        throw err;
      }
      this.forget(taskId, responseCode);
      return 'expired';
    }
  }

  private spend(code: string): void {
    this.spent.add(code);
    if (this.spent.size > 5000) {
      const oldest = this.spent.values().next().value;
      if (oldest !== undefined) this.spent.delete(oldest);
    }
  }

  private forget(taskId: string, code: string): void {
    const left = (this.clickCodes.get(taskId) ?? []).filter((c) => c !== code);
    if (left.length > 0) this.clickCodes.set(taskId, left);
    else this.clickCodes.delete(taskId);
  }

  private async paced<T>(userId: string, send: () => Promise<T>): Promise<T> {
    const key = `app:user:${userId}`;
    await this.queue.acquire(key);
    try {
      return await send();
    } catch (err) {
      if (err instanceof SendError && isRateLimited(err)) this.queue.block(key, err.retryAfterMs as number);
      throw err;
    }
  }
}
