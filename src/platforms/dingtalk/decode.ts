// DingTalk Stream callbacks → platform-neutral IncomingMessage / CardAction.
import type { CardAction, ChatRef, DeliveryTarget, IncomingFile, IncomingMessage, MentionedUser } from '../types';
import type { DownloadLimits } from '../download-limit';
import {
  cardActionContentSchema,
  cardCallbackSchema,
  robotMessageSchema,
  type CardCallback,
  type RobotMessage,
} from './stream-schemas';
import type { SessionWebhook } from './session-webhook';

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface DecodedRobotMessage {
  message: IncomingMessage;
  /** Where replies go: the group, or the sender in a single chat. */
  replyTo: DeliveryTarget;
  sessionWebhook?: SessionWebhook;
}

export interface FileFetcher {
  (downloadCode: string, limits?: DownloadLimits): Promise<Buffer>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function messageText(msg: RobotMessage): string {
  switch (msg.msgtype) {
    case 'text':
      // DingTalk strips "@bot" but leaves the space that followed it: " /报备 …".
      return msg.text.content.trim();
    case 'richText':
      return msg.content.richText.map((part) => part.text ?? '').join('').trim();
    case 'file':
      return '';
  }
}

/** Other people @mentioned, in DingTalk's order, the bot itself left out. */
function mentionsOf(msg: RobotMessage): MentionedUser[] {
  return (msg.atUsers ?? [])
    .filter((u) => u.dingtalkId !== msg.chatbotUserId)
    .map((u) => ({ platformUserId: u.staffId ?? u.dingtalkId }));
}

export function decodeRobotMessage(data: string, fetchFile: FileFetcher): Decoded<DecodedRobotMessage> {
  const parsed = robotMessageSchema.safeParse(parseJson(data));
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const msg = parsed.data;
  const isGroup = msg.conversationType === '2';
  // senderStaffId exists only for our own organisation; an outside member keeps the dingtalkId.
  const sender = msg.senderStaffId ?? msg.senderId;
  const chat: ChatRef = {
    platform: 'dingtalk',
    chatId: msg.conversationId,
    kind: isGroup ? 'group' : 'private',
    ...(msg.conversationTitle ? { title: msg.conversationTitle } : {}),
  };
  let file: IncomingFile | undefined;
  if (msg.msgtype === 'file') {
    const { downloadCode, fileName } = msg.content;
    file = { name: fileName, download: (limits) => fetchFile(downloadCode, limits) };
  }
  const message: IncomingMessage = {
    platform: 'dingtalk',
    messageId: msg.msgId,
    senderPlatformId: sender,
    ...(msg.senderNick ? { senderName: msg.senderNick } : {}),
    chat,
    text: messageText(msg),
    mentions: mentionsOf(msg),
    ...(file ? { file } : {}),
  };
  const replyTo: DeliveryTarget = isGroup
    ? { kind: 'chat', chatId: msg.conversationId }
    : { kind: 'user', platformUserId: sender };
  const sessionWebhook =
    msg.sessionWebhook && msg.sessionWebhookExpiredTime
      ? { url: msg.sessionWebhook, expiresAt: msg.sessionWebhookExpiredTime }
      : undefined;
  return { ok: true, value: { message, replyTo, ...(sessionWebhook ? { sessionWebhook } : {}) } };
}

export interface DecodedCardAction {
  action: CardAction;
  outTrackId: string;
  /** Where the card lives, when the callback says so (spaceType/spaceId are often empty). */
  space?: DeliveryTarget;
  /** A cardId param that disagreed with the card of the outTrackId (ignored; worth a log line). */
  ignoredCardIdParam?: string;
}

function stringParam(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function spaceOf(cb: CardCallback): DeliveryTarget | undefined {
  const type = cb.spaceType?.toUpperCase();
  if (type === 'IM_GROUP' && cb.spaceId) return { kind: 'chat', chatId: cb.spaceId };
  if (type === 'IM_ROBOT' || type === 'IM_SINGLE') return { kind: 'user', platformUserId: cb.userId };
  return undefined;
}

/**
 * `eventId` is the frame's messageId, which DingTalk keeps when it redelivers.
 * `issuedCardId` names the card we issued the outTrackId for (registry, else the id embedded in
 * it). That is the card clicked: the template's cardId param is only a copy, and a param that
 * disagrees (a forged or stale one) is ignored and reported. An outTrackId we never issued is refused.
 */
export function decodeCardCallback(data: string, eventId: string, issuedCardId: (outTrackId: string) => string | undefined): Decoded<DecodedCardAction> {
  const parsed = cardCallbackSchema.safeParse(parseJson(data));
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const cb = parsed.data;
  const content = cardActionContentSchema.safeParse(parseJson(cb.content ?? cb.value ?? ''));
  if (!content.success) return { ok: false, reason: 'card callback content is not {cardPrivateData:{params}}' };
  const params = content.data.cardPrivateData.params;
  const action = stringParam(params, 'action');
  if (!action) return { ok: false, reason: 'card callback without an "action" param' };
  const cardId = issuedCardId(cb.outTrackId);
  if (!cardId) return { ok: false, reason: `card callback for an outTrackId we did not issue: ${cb.outTrackId}` };
  const claimed = stringParam(params, 'cardId');
  const text = stringParam(params, 'remark');
  const space = spaceOf(cb);
  return {
    ok: true,
    value: {
      action: {
        platform: 'dingtalk',
        eventId,
        senderPlatformId: cb.userId,
        cardId,
        action,
        ...(text ? { text } : {}),
      },
      outTrackId: cb.outTrackId,
      ...(space ? { space } : {}),
      ...(claimed !== undefined && claimed !== cardId ? { ignoredCardIdParam: claimed } : {}),
    },
  };
}
