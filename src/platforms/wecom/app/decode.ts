// Decrypted application callback XML → IncomingMessage / card click (doc 90239, 90240).
// Application messages are always a member's private chat with the app.
import { z } from 'zod';
import type { CardAction, ChatRef, IncomingMessage } from '../../types';
import { parseButtonKey } from '../encode/card-key';
import { childTexts, type XmlElement } from './xml';

const common = z.object({
  ToUserName: z.string().min(1),
  FromUserName: z.string().min(1),
  CreateTime: z.string().regex(/^\d+$/),
  MsgType: z.string().min(1),
  AgentID: z.string().regex(/^\d+$/).optional(),
});

const textMessage = common.extend({
  MsgType: z.literal('text'),
  Content: z.string(),
  MsgId: z.string().min(1),
});

const cardEvent = common.extend({
  MsgType: z.literal('event'),
  Event: z.literal('template_card_event'),
  EventKey: z.string().min(1),
  TaskId: z.string().min(1),
  ResponseCode: z.string().optional(),
});

export type AppCallback =
  | { kind: 'message'; message: IncomingMessage }
  | { kind: 'click'; action: CardAction; taskId: string; responseCode?: string | undefined }
  | { kind: 'ignored'; reason: string };

export class MalformedCallback extends Error {}

function privateChat(userId: string): ChatRef {
  return { platform: 'wecom', chatId: userId, kind: 'private' };
}

export function decodeAppCallback(root: XmlElement, agentId: number): AppCallback {
  if (root.name !== 'xml') throw new MalformedCallback('root element is not <xml>');
  const fields = Object.fromEntries(Object.entries(childTexts(root)).map(([k, v]) => [k, v.trim()]));
  const base = common.safeParse(fields);
  if (!base.success) throw new MalformedCallback(`missing ${base.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  if (base.data.AgentID !== undefined && Number(base.data.AgentID) !== agentId) {
    return { kind: 'ignored', reason: `agent ${base.data.AgentID}` };
  }

  if (base.data.MsgType === 'text') {
    const m = textMessage.safeParse(fields);
    if (!m.success) throw new MalformedCallback('text message without Content/MsgId');
    return {
      kind: 'message',
      message: {
        platform: 'wecom',
        messageId: m.data.MsgId,
        senderPlatformId: m.data.FromUserName,
        chat: privateChat(m.data.FromUserName),
        text: m.data.Content.trim(),
        mentions: [],
      },
    };
  }

  if (base.data.MsgType === 'event' && fields.Event === 'template_card_event') {
    const e = cardEvent.safeParse(fields);
    if (!e.success) throw new MalformedCallback('template_card_event without EventKey/TaskId');
    const ref = parseButtonKey(e.data.EventKey);
    if (!ref) return { kind: 'ignored', reason: 'button key not made by dealguard' };
    return {
      kind: 'click',
      taskId: e.data.TaskId,
      responseCode: e.data.ResponseCode || undefined,
      action: {
        platform: 'wecom',
        // Events carry no id; WeCom advises FromUserName + CreateTime for dedupe (doc 90238).
        eventId: `${e.data.FromUserName}:${e.data.CreateTime}:${e.data.TaskId}:${e.data.EventKey}`,
        senderPlatformId: e.data.FromUserName,
        chat: privateChat(e.data.FromUserName),
        cardId: ref.cardId,
        action: ref.action,
      },
    };
  }

  return { kind: 'ignored', reason: `${base.data.MsgType}${fields.Event ? `/${fields.Event}` : ''}` };
}
