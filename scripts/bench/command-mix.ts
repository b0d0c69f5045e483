// What salespeople send in the platform benchmarks: 40% /查重 (half about a registered company),
// 30% /我的, 30% /报备 of new companies, each from a random sender in their single chat with the bot
// (a group could not carry these rates: WeCom allows 30, DingTalk 20 bot messages a minute each).
import type { Random } from '../dedup/gen/random';
import { newCompany } from './wecom/org';

export const KINDS = ['查重', '我的', '报备'] as const;
export type Kind = (typeof KINDS)[number];

export interface Command {
  kind: Kind;
  /** Platform user id of the sender. */
  sender: string;
  text: string;
}

export class CommandMix {
  constructor(
    private readonly rnd: Random,
    private readonly senders: string[],
    /** Registered company names; /查重 asks about one of them half of the time. */
    private readonly known: string[],
    private readonly usedCores: Set<string>,
  ) {}

  make(n: number): Command[] {
    return Array.from({ length: n }, () => {
      const r = this.rnd.next();
      const kind: Kind = r < 0.4 ? '查重' : r < 0.7 ? '我的' : '报备';
      return { kind, sender: this.rnd.pick(this.senders), text: this.text(kind) };
    });
  }

  private text(kind: Kind): string {
    if (kind === '我的') return '/我的';
    if (kind === '查重') return `/查重 ${this.rnd.chance(0.5) ? this.rnd.pick(this.known) : newCompany(this.rnd, this.usedCores).name}`;
    const c = newCompany(this.rnd, this.usedCores);
    this.known.push(c.name);
    return `/报备 ${c.name} ${c.contact} ${c.mobile}`;
  }
}
