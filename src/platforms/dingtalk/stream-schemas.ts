// Shapes of what DingTalk pushes over the Stream WebSocket, validated at the boundary.
// Sources: open-dingtalk/developerpedia docs/learn/stream/protocol.md (frame, ACK, SYSTEM topics),
// dingtalk-stream constants.d.ts RobotMessageBase, the Python/Go SDK card callback models.
import { z } from 'zod';

export const downstreamFrameSchema = z.object({
  specVersion: z.string().optional(),
  type: z.enum(['SYSTEM', 'EVENT', 'CALLBACK']),
  headers: z.looseObject({
    messageId: z.string().optional(),
    topic: z.string().min(1),
  }),
  data: z.string(),
});
export type DownstreamFrameShape = z.infer<typeof downstreamFrameSchema>;

const atUserSchema = z.object({
  dingtalkId: z.string().min(1),
  /** Only present for members of the bot's own organisation. */
  staffId: z.string().min(1).optional(),
});

const robotMessageBase = z.object({
  msgId: z.string().min(1),
  conversationId: z.string().min(1),
  /** '1' single chat, '2' group (a string on the wire). */
  conversationType: z.enum(['1', '2']),
  conversationTitle: z.string().optional(),
  chatbotUserId: z.string().optional(),
  senderId: z.string().min(1),
  senderStaffId: z.string().min(1).optional(),
  senderNick: z.string().optional(),
  atUsers: z.array(atUserSchema).optional(),
  sessionWebhook: z.url({ protocol: /^https?$/ }).optional(),
  /** Epoch ms; samples show createAt + 90 min. */
  sessionWebhookExpiredTime: z.number().optional(),
  createAt: z.number().optional(),
  robotCode: z.string().optional(),
});

export const robotMessageSchema = z.discriminatedUnion('msgtype', [
  robotMessageBase.extend({ msgtype: z.literal('text'), text: z.object({ content: z.string() }) }),
  robotMessageBase.extend({
    msgtype: z.literal('richText'),
    content: z.object({
      richText: z.array(z.looseObject({ text: z.string().optional() })),
    }),
  }),
  robotMessageBase.extend({
    msgtype: z.literal('file'),
    content: z.object({ downloadCode: z.string().min(1), fileName: z.string().min(1) }),
  }),
]);
export type RobotMessage = z.infer<typeof robotMessageSchema>;

/** Any robot message, to learn its id and type even when we cannot handle its content. */
export const robotMessageEnvelopeSchema = z.looseObject({ msgId: z.string().min(1), msgtype: z.string() });

/** `content` / `value` of a card callback, itself a JSON string inside the frame's JSON data. */
export const cardActionContentSchema = z.object({
  cardPrivateData: z.object({
    actionIds: z.array(z.string()).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
});

export const cardCallbackSchema = z.object({
  outTrackId: z.string().min(1),
  /** The clicker: staffId when the card was delivered with userIdType 1. */
  userId: z.string().min(1),
  userIdType: z.number().optional(),
  corpId: z.string().optional(),
  type: z.string().optional(),
  spaceType: z.string().optional(),
  spaceId: z.string().optional(),
  content: z.string().optional(),
  value: z.string().optional(),
});
export type CardCallback = z.infer<typeof cardCallbackSchema>;
