// The lines a group sees when what was meant for it went to someone privately instead.
import { registerNoticeText } from './notice-text';

/** Under a command's reply whose details went to the asker privately (see fitReplyToChat). */
export const PRIVATE_POINTER = '🔒 详情已私信你（群里有成员无权查看这些内容）。';

/** A notice routed to the group that went to its person privately (see fitAudience). */
export const AUDIENCE_POINTER_TEMPLATE = 'audience.pointer';

registerNoticeText(AUDIENCE_POINTER_TEMPLATE, (_d, p) =>
  Number(p.count) > 1 ? `🔒 有 ${p.count} 条提醒已私信给你（群里有成员无权查看这些内容）。` : '🔒 有一条提醒已私信给你（群里有成员无权查看这些内容）。',
);
