// A reply that went to the asker privately because the group it was asked in may not read it
// (see fitReplyToChat): kept word for word, as it was rendered for the asker.
import { registerNoticeText } from './notice-text';

export const PRIVATE_REPLY_TEMPLATE = 'reply.private';

registerNoticeText(PRIVATE_REPLY_TEMPLATE, (_d, p) => (typeof p.text === 'string' ? p.text : ''));
