/**
 * Turns what people type on a phone into something parseable: full-width letters, digits and
 * punctuation become half-width, invisible and control characters go, a leading @bot mention
 * goes. What is left may start with the command, with or without its slash.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;

export const MAX_INPUT_CHARS = 4000;

export function normalizeInput(raw: string): string {
  let s = raw.length > MAX_INPUT_CHARS * 4 ? raw.slice(0, MAX_INPUT_CHARS * 4) : raw;
  s = s.normalize('NFKC').replace(CONTROL, '').replace(/\u3000/g, ' ');
  s = s.replace(/[\r\n\t]+/g, ' ').trim();
  // Mentions before the command address the bot; mentions after it are arguments.
  return s.replace(/^(?:@\S+\s*)+/, '').trim();
}

export interface CommandLine {
  /** The command word as typed, without slash: "报备", "bb", "help". */
  word: string;
  /** Everything after the word. */
  rest: string;
  slashed: boolean;
}

export function splitCommand(text: string): CommandLine | undefined {
  const m = /^(\/)?\s*([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) return undefined;
  return { word: m[2]!.toLowerCase(), rest: (m[3] ?? '').trim(), slashed: m[1] === '/' };
}
