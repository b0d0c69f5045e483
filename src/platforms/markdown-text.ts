// Plain text (names, notes, anything a user typed) made safe to put inside WeCom or DingTalk
// markdown, so that it shows as typed and never becomes markup: no link, no image, no <font>,
// no <@userid> / @all mention, no heading, quote, list, bold or code.
//
// Neither platform documents a backslash escape, and a renderer that lacks one shows the
// backslashes. So instead of escaping, the sequences that make markup are broken where a reader
// cannot see it: a zero-width space after "<" (no tag or <@…> can start), between "]" and "(" (no
// link), after "@" of @all, and before a line's block marker (# > - + = | 1.); the paired
// delimiters * _ ~ ` become their full-width forms (＊ ＿ ～ ｀), which read the same in Chinese text.
// Idempotent: text escaped twice is the same as text escaped once.

export const ZWSP = '\u200b';

const FULL_WIDTH: Record<string, string> = { '*': '＊', _: '＿', '~': '～', '`': '｀' };

/** "<" that could open a tag, a comment or a mention: <font, </font, <!--, <?, <@all>. */
const TAG_OPEN = /<(?=[A-Za-z/!?@])/g;
/** "](" of an inline link or image, "]:" of a reference definition, "][" of a reference link. */
const LINK_JOIN = /\](?=[([:])/g;
/** @all / @所有人 / @everyone: a mention of everybody wherever it appears. */
const AT_EVERYONE = /@(?=(?:all|everyone|所有人)(?![A-Za-z0-9]))/gi;
/** A block marker at a line's start (after up to three spaces): heading, quote, list, rule, table. */
const BLOCK_MARKER = /^( {0,3})(?=[#>\-+=|]|\d{1,9}[.)])/gm;
const PAIRED = /[*_~`]/g;

/** Breaks every "@all" / "@所有人" so that it is text, not a mention (plain-text messages too). */
export function breakEveryoneMentions(text: string): string {
  return text.replace(AT_EVERYONE, `@${ZWSP}`);
}

export function escapeMarkdownText(text: string): string {
  return breakEveryoneMentions(text)
    .replace(PAIRED, (c) => FULL_WIDTH[c] ?? c)
    .replace(TAG_OPEN, `<${ZWSP}`)
    .replace(LINK_JOIN, `]${ZWSP}`)
    .replace(BLOCK_MARKER, `$1${ZWSP}`);
}
