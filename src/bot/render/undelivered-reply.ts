// A reply the platform could not deliver is kept in the outbox word for word: it was already
// rendered for the person who asked, and rendering it again later could tell a different story.
import { registerNoticeText } from './notice-text';

export const UNDELIVERED_REPLY_TEMPLATE = 'reply.undelivered';

registerNoticeText(UNDELIVERED_REPLY_TEMPLATE, (_d, p) => (typeof p.text === 'string' ? p.text : ''));
