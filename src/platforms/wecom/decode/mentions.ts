// Group text arrives as typed: "@机器人 报备 ... @李雷" (doc 100719 sample "@RobotA hello robot"). The
// frame carries no mention list and no user ids, so mentions are recovered from the text by name.
import type { MentionedUser } from '../../types';

// WeCom clients separate a mention from what follows with a space or U+2005 (four-per-em space);
// a name also ends at punctuation, in case someone typed the @name by hand.
const SPACE = '\\s\\u2005\\u00a0';
const END = `${SPACE}@，。；：、！？,;:!?（）()`;
const MENTION = new RegExp(`(^|[${SPACE}])@([^${END}]+)`, 'g');

interface Token {
  name: string;
  start: number;
  end: number;
}

export interface SplitText {
  text: string;
  mentions: MentionedUser[];
}

/**
 * Removes the bot's own mention and lists the other @names in order. The bot is the configured
 * name; without one (or when it is not found) it is the mention the text starts with.
 */
export function splitMentions(raw: string, isGroup: boolean, botName?: string): SplitText {
  const tokens: Token[] = [];
  for (const m of raw.matchAll(MENTION)) {
    const start = (m.index ?? 0) + (m[1] as string).length;
    tokens.push({ name: m[2] as string, start, end: start + 1 + (m[2] as string).length });
  }

  let bot: Token | undefined;
  if (isGroup) {
    bot = botName ? tokens.find((t) => t.name === botName) : undefined;
    if (!bot && tokens[0] && raw.slice(0, tokens[0].start).trim() === '') bot = tokens[0];
  }

  const text = bot ? raw.slice(0, bot.start) + raw.slice(bot.end) : raw;
  const names: string[] = [];
  for (const t of tokens) {
    if (t !== bot && !names.includes(t.name)) names.push(t.name);
  }
  return {
    text: text.replace(/[\u2005\u00a0]/g, ' ').trim(),
    mentions: names.map((name) => ({ name })),
  };
}
