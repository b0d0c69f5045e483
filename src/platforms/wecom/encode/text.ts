// Text shaping for WeCom limits: lengths in 字 (code points) for card fields, UTF-8 bytes for
// message bodies (markdown ≤ 20480 bytes on the long connection, 2048 for app messages).
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

/**
 * Makes every mentioned person visible in the text. "name": "@李雷" stays plain text (the only form
 * known to display correctly for the intelligent bot, which has no mention API). "angle": "@李雷"
 * becomes "<@userid>", the group-robot syntax, for tenants where it has been seen to notify.
 */
export function renderMentions(text: string, mentions: OutboundMention[], syntax: 'name' | 'angle'): string {
  const missing = mentions.filter((m) => !text.includes(`@${m.name}`));
  let out = missing.length > 0 ? `${missing.map((m) => `@${m.name}`).join(' ')} ${text}` : text;
  if (syntax === 'angle') {
    for (const m of mentions) out = out.split(`@${m.name}`).join(`<@${m.platformUserId}>`);
  }
  return out;
}
