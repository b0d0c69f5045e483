// The aibot frames we act on, validated at the boundary (doc 101463, 100719, 101027).
import { z } from 'zod';

const headers = z.object({ req_id: z.string().min(1) });
const from = z.object({ userid: z.string().min(1), corpid: z.string().optional() });
const textContent = z.object({ content: z.string() });
const media = z.object({ url: z.url(), aeskey: z.string().min(1).optional() });

const conversation = {
  msgid: z.string().min(1),
  aibotid: z.string().optional(),
  chatid: z.string().min(1).optional(),
  chattype: z.enum(['single', 'group']),
  from,
  create_time: z.number().optional(),
};

const groupNeedsChatid = (b: { chattype: 'single' | 'group'; chatid?: string | undefined }) =>
  b.chattype !== 'group' || b.chatid !== undefined;

export const msgFrameSchema = z.object({
  cmd: z.literal('aibot_msg_callback'),
  headers,
  body: z
    .object({
      ...conversation,
      msgtype: z.string().min(1),
      text: textContent.optional(),
      voice: textContent.optional(),
      mixed: z
        .object({ msg_item: z.array(z.object({ msgtype: z.string(), text: textContent.optional() })) })
        .optional(),
      file: media.optional(),
    })
    .refine(groupNeedsChatid, { message: 'group message without chatid', path: ['chatid'] }),
});
export type MsgFrame = z.infer<typeof msgFrameSchema>;

const cardEventFields = {
  card_type: z.string().optional(),
  event_key: z.string().min(1),
  task_id: z.string().min(1),
};

// The official shape nests the click under event.template_card_event; the SDK's typing (and some
// integrations) read it flat from event. Both are accepted, the nested one wins.
export const cardEventFrameSchema = z.object({
  cmd: z.literal('aibot_event_callback'),
  headers,
  body: z
    .object({
      ...conversation,
      msgtype: z.literal('event'),
      event: z.object({
        eventtype: z.literal('template_card_event'),
        template_card_event: z.object(cardEventFields).optional(),
        event_key: z.string().optional(),
        task_id: z.string().optional(),
      }),
    })
    .refine(groupNeedsChatid, { message: 'group event without chatid', path: ['chatid'] }),
});
export type CardEventFrame = z.infer<typeof cardEventFrameSchema>;

export const eventTypeSchema = z.object({
  cmd: z.literal('aibot_event_callback'),
  body: z.object({ event: z.object({ eventtype: z.string() }) }),
});
