// Text with @mentions for DingTalk robot messages. DingTalk notifies the people listed in
// at.atUserIds (or a card's atUserIds) and renders "@<userId>" in the text as "@name"; without the
// id in the text the mention is not shown (robot message docs, cited in eryajf/chatgpt-dingtalk#272).
// Robot texts (sampleText, sessionWebhook text) are not markdown: only mentions need care here.
import { breakEveryoneMentions, ZWSP } from '../markdown-text';
import type { OutboundMention } from '../types';

/**
 * A plain-text robot message with its mentions, which come from OutboundMessage.mentions only
 * (DingTalk notifies through at.atUserIds). Each person's first "@name" in the text becomes
 * "@<userId>", which DingTalk shows as the name; a person not named is appended as "@<userId>".
 * Before that, an "@all" or an "@<userId>" already in the text (typed into a name or a note) is
 * broken with a zero-width space, so that only the mentions we make look like mentions.
 */
export function textWithMentions(text: string, mentions: OutboundMention[]): string {
  let out = breakEveryoneMentions(text);
  for (const m of mentions) out = out.split(`@${m.platformUserId}`).join(`@${ZWSP}${m.platformUserId}`);
  const missing: string[] = [];
  for (const m of mentions) {
    const typed = `@${m.name}`;
    const at = m.name ? out.indexOf(typed) : -1;
    if (at >= 0) out = `${out.slice(0, at)}@${m.platformUserId}${out.slice(at + typed.length)}`;
    else missing.push(`@${m.platformUserId}`);
  }
  if (missing.length === 0) return out;
  return `${out}${out.endsWith('\n') || out === '' ? '' : ' '}${missing.join(' ')}`;
}

export function uniqueMentions(mentions: OutboundMention[] | undefined): OutboundMention[] {
  const seen = new Set<string>();
  return (mentions ?? []).filter((m) => !seen.has(m.platformUserId) && seen.add(m.platformUserId));
}

/** `{ staffId: name }` as createAndDeliver's imGroupOpenDeliverModel.atUserIds expects. */
export function cardAtUserIds(mentions: OutboundMention[]): Record<string, string> {
  return Object.fromEntries(mentions.map((m) => [m.platformUserId, m.name]));
}
