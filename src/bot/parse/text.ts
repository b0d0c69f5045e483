import { foldKey } from './fold';
import { dropLoneSurrogates } from './well-formed';

/**
 * Turns what people type on a phone into something parseable: invisible and control characters
 * go, line breaks become spaces, a leading @bot mention goes. Full-width characters stay as typed
 * (values are stored and shown as written); the command word and keys are folded where they are
 * matched (splitCommand, tokenize). What is left may start with the command, with or without its
 * slash.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;

export const MAX_INPUT_CHARS = 4000;

export function normalizeInput(raw: string): string {
  let s = dropLoneSurrogates(raw.length > MAX_INPUT_CHARS * 4 ? raw.slice(0, MAX_INPUT_CHARS * 4) : raw);
  s = s.normalize('NFC').replace(CONTROL, '');
  s = s.replace(/[\r\n\t]+/g, ' ').trim();
  // Mentions before the command address the bot; mentions after it are arguments.
  return s.replace(/^(?:[@＠]\S+\s*)+/, '').trim();
}

export interface CommandLine {
  /** The command word as typed, without slash: "报备", "bb", "help". */
  word: string;
  /** Everything after the word. */
  rest: string;
  slashed: boolean;
}

export function splitCommand(text: string): CommandLine | undefined {
  const m = /^([/／])?\s*([^\s/／]+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) return undefined;
  return { word: foldKey(m[2]!), rest: (m[3] ?? '').trim(), slashed: m[1] !== undefined };
}
