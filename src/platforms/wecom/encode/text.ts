// Text shaping for WeCom limits: lengths in 字 (code points) for card fields, UTF-8 bytes for
// message bodies (markdown ≤ 20480 bytes on the long connection, 2048 for app messages).
import { escapeMarkdownText } from '../../markdown-text';
import type { OutboundMention } from '../../types';

export const AIBOT_MARKDOWN_MAX_BYTES = 20480;
export const APP_MARKDOWN_MAX_BYTES = 2048;

export function charLength(s: string): number {
  return Array.from(s).length;
}

/** Cuts to max 字, marking the cut with "…". */
export function truncateChars(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * Splits text into chunks of at most maxBytes UTF-8 bytes, at a line break when one is near,
 * never inside a character.
 */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest) > maxBytes) {
    const chars = Array.from(rest);
    let bytes = 0;
    let fit = 0;
    while (fit < chars.length && bytes + Buffer.byteLength(chars[fit] as string) <= maxBytes) {
      bytes += Buffer.byteLength(chars[fit] as string);
      fit++;
    }
    if (fit === 0) throw new Error(`splitByBytes: limit ${maxBytes} is smaller than one character`);
    const head = chars.slice(0, fit).join('');
    const newline = head.lastIndexOf('\n');
    // Prefer a line break in the second half of the chunk; a very early one would waste the chunk.
    const cut = newline >= head.length / 2 ? newline + 1 : head.length;
    chunks.push(head.slice(0, cut).replace(/\n+$/, ''));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** A WeCom userid as the admin console allows it: 1–64 letters, digits and _ - @ . */
const USERID = /^[A-Za-z0-9_@.-]{1,64}$/;

/**
 * One person's mention, built only from OutboundMessage.mentions. "name": "@李雷" as plain text
 * (the only form known to display correctly for the intelligent bot, which has no mention API).
 * "angle": "<@userid>", the group-robot syntax, for tenants where it has been seen to notify; a
 * userid that could break out of the brackets falls back to the name.
 */
function mentionMarkup(m: OutboundMention, syntax: 'name' | 'angle'): string {
  if (syntax === 'angle' && USERID.test(m.platformUserId)) return `<@${m.platformUserId}>`;
  return `@${escapeMarkdownText(m.name)}`;
}

/**
 * The markdown of a message: its mentions first, then its text escaped, so that whatever the text
 * holds ("[领奖](http://…)", "<@all>", "<@userid>") shows as typed and links or notifies nobody.
 * A "name" mention already readable in the text is not repeated: it is plain text either way.
 */
export function markdownWithMentions(text: string, mentions: OutboundMention[], syntax: 'name' | 'angle'): string {
  const body = escapeMarkdownText(text);
  const shown = mentions.map((m) => mentionMarkup(m, syntax)).filter((markup) => markup.startsWith('<') || !body.includes(markup));
  if (shown.length === 0) return body;
  const line = shown.join(' ');
  return body ? `${line} ${body}` : line;
}
