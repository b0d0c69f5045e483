// Validated aibot frames → platform-neutral IncomingMessage / CardAction.
import type { CardAction, ChatRef, DeliveryTarget, IncomingMessage } from '../../types';
import { parseButtonKey } from '../encode/card-key';
import { splitMentions } from '../decode/mentions';
import type { CardEventFrame, MsgFrame } from './frames';

interface ConversationBody {
  chattype: 'single' | 'group';
  chatid?: string | undefined;
  from: { userid: string };
}

/** In a single chat WeCom's chatid is the user's userid (aibot_send_msg takes it as chatid). */
export function chatOf(body: ConversationBody): ChatRef {
  return body.chattype === 'group'
    ? { platform: 'wecom', chatId: body.chatid as string, kind: 'group' }
    : { platform: 'wecom', chatId: body.from.userid, kind: 'private' };
}

export function targetOf(body: ConversationBody): DeliveryTarget {
  return body.chattype === 'group'
    ? { kind: 'chat', chatId: body.chatid as string }
    : { kind: 'user', platformUserId: body.from.userid };
}

export interface DecodedMessage {
  message: Omit<IncomingMessage, 'file'>;
  /** Encrypted attachment (single chats only): url valid 5 minutes, its own aeskey. */
  file?: { url: string; aeskey?: string | undefined };
}

/** undefined for message types dealguard does not read (image, video). */
export function decodeMessage(frame: MsgFrame, botName?: string): DecodedMessage | undefined {
  const body = frame.body;
  let raw: string;
  switch (body.msgtype) {
    case 'text':
      raw = body.text?.content ?? '';
      break;
    case 'voice':
      raw = body.voice?.content ?? '';
      break;
    case 'mixed':
      raw = (body.mixed?.msg_item ?? []).map((item) => item.text?.content ?? '').filter(Boolean).join('\n');
      break;
    case 'file':
      raw = '';
      break;
    default:
      return undefined;
  }
  const isGroup = body.chattype === 'group';
  const { text, mentions } = splitMentions(raw, isGroup, botName);
  const decoded: DecodedMessage = {
    message: {
      platform: 'wecom',
      messageId: body.msgid,
      senderPlatformId: body.from.userid,
      chat: chatOf(body),
      text,
      mentions,
    },
  };
  if (body.msgtype === 'file' && body.file) decoded.file = { url: body.file.url, aeskey: body.file.aeskey };
  return decoded;
}

export interface DecodedClick {
  action: CardAction;
  taskId: string;
}

/** undefined when the button key is not one dealguard made. */
export function decodeCardEvent(frame: CardEventFrame): DecodedClick | undefined {
  const body = frame.body;
  const nested = body.event.template_card_event;
  const eventKey = nested?.event_key ?? body.event.event_key;
  const taskId = nested?.task_id ?? body.event.task_id;
  if (!eventKey || !taskId) return undefined;
  const ref = parseButtonKey(eventKey);
  if (!ref) return undefined;
  return {
    taskId,
    action: {
      platform: 'wecom',
      eventId: body.msgid,
      senderPlatformId: body.from.userid,
      chat: chatOf(body),
      cardId: ref.cardId,
      action: ref.action,
    },
  };
}
