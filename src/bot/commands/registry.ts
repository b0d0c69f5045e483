import type { Command } from './command';
import { createHelpCommand } from './help';
import { registerCommand } from './register';
import { checkCommand } from './check';
import { followUpCommand } from './followup';
import { mineCommand } from './mine';
import { customerCommand } from './customer';
import { extendCommand } from './extend';
import { releaseCommand } from './release';
import { poolCommand } from './pool';
import { claimCommand } from './claim';
import { wonCommand } from './won';
import { handoverCommand } from './handover';
import { approvalsCommand } from './approvals';
import { approveCommand, rejectCommand } from './decide';
import { bindGroupCommand } from './bind-group';
import { rulesCommand } from './rules';
import { disputeCommand } from './dispute';
import { collaborateCommand } from './collaborate';
import { amendCommand } from './amend';
import { withdrawCommand } from './withdraw';
import { distance } from 'fastest-levenshtein';

// Each command's argument type differs; the router only needs the common shape.
type AnyCommand = Command<never>;

/** All commands, found by name, alias or English alias, case- and width-insensitive. */
export class CommandRegistry {
  private readonly byWord = new Map<string, AnyCommand>();
  private readonly list: AnyCommand[] = [];

  constructor(commands: Command<never>[] = []) {
    this.add(createHelpCommand(() => this.list, (w) => this.find(w)) as unknown as AnyCommand);
    for (const c of commands) this.add(c);
  }

  add(c: AnyCommand): void {
    for (const w of [c.name, ...c.aliases]) {
      const key = w.toLowerCase();
      if (this.byWord.has(key)) throw new Error(`command word ${w} registered twice`);
      this.byWord.set(key, c);
    }
    this.list.push(c);
  }

  find(word: string): AnyCommand | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  all(): AnyCommand[] {
    return this.list;
  }

  /** The closest command names to a mistyped word, for "did you mean". */
  suggest(word: string): string[] {
    const w = word.toLowerCase();
    return [...this.byWord.entries()]
      .map(([k, c]) => ({ c, d: distance(k, w) + (k.includes(w) || w.includes(k) ? -1 : 0) }))
      .filter((x) => x.d <= Math.max(1, Math.floor(w.length / 2)))
      .sort((a, b) => a.d - b.d)
      .map((x) => x.c.name)
      .filter((n, i, arr) => arr.indexOf(n) === i)
      .slice(0, 3);
  }
}

export const CORE_COMMANDS = [
  registerCommand, checkCommand, followUpCommand, mineCommand, customerCommand, extendCommand, releaseCommand,
  poolCommand, claimCommand, wonCommand, handoverCommand, approvalsCommand, approveCommand, rejectCommand,
  bindGroupCommand, rulesCommand, disputeCommand, collaborateCommand, amendCommand, withdrawCommand,
] as unknown as AnyCommand[];
