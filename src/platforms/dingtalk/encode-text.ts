// Text with @mentions for DingTalk robot messages. DingTalk notifies the people listed in
// at.atUserIds (or a card's atUserIds) and renders "@<userId>" in the text as "@name"; without the
// id in the text the mention is not shown (robot message docs, cited in eryajf/chatgpt-dingtalk#272).
import type { OutboundMention } from '../types';

/** Replaces the first "@name" of each person by "@userId", or appends "@userId" when absent. */
export function textWithMentions(text: string, mentions: OutboundMention[]): string {
  let out = text;
  const missing: string[] = [];
  for (const m of mentions) {
    const typed = `@${m.name}`;
    const at = out.indexOf(typed);
    if (m.name && at >= 0) {
      out = `${out.slice(0, at)}@${m.platformUserId}${out.slice(at + typed.length)}`;
    } else if (!out.includes(`@${m.platformUserId}`)) {
      missing.push(`@${m.platformUserId}`);
    }
  }
  return missing.length > 0 ? `${out}${out.endsWith('\n') || out === '' ? '' : ' '}${missing.join(' ')}` : out;
}

export function uniqueMentions(mentions: OutboundMention[] | undefined): OutboundMention[] {
  const seen = new Set<string>();
  return (mentions ?? []).filter((m) => !seen.has(m.platformUserId) && seen.add(m.platformUserId));
}

/** `{ staffId: name }` as createAndDeliver's imGroupOpenDeliverModel.atUserIds expects. */
export function cardAtUserIds(mentions: OutboundMention[]): Record<string, string> {
  return Object.fromEntries(mentions.map((m) => [m.platformUserId, m.name]));
}
