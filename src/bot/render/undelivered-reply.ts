// Replies kept in the outbox word for word: they were already rendered for the person who asked,
// and rendering them again later could tell a different story.
//  - reply.undelivered: a reply the platform could not deliver (see app/undelivered.ts);
//  - reply.private: a reply that went to the asker privately because the group it was asked in
//    may not read it (see bot/fit-reply.ts).
import { registerNoticeText } from './notice-text';

export const UNDELIVERED_REPLY_TEMPLATE = 'reply.undelivered';
export const PRIVATE_REPLY_TEMPLATE = 'reply.private';

for (const template of [UNDELIVERED_REPLY_TEMPLATE, PRIVATE_REPLY_TEMPLATE]) {
  registerNoticeText(template, (_d, p) => (typeof p.text === 'string' ? p.text : ''));
}
