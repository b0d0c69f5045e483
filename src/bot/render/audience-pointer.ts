// The line a group sees when a notice routed to it went to the person privately (see fitAudience).
import { registerNoticeText } from './notice-text';

export const AUDIENCE_POINTER_TEMPLATE = 'audience.pointer';

registerNoticeText(AUDIENCE_POINTER_TEMPLATE, (_d, p) =>
  Number(p.count) > 1 ? `🔒 有 ${p.count} 条提醒已私信给你（群里有成员无权查看这些内容）。` : '🔒 有一条提醒已私信给你（群里有成员无权查看这些内容）。',
);
