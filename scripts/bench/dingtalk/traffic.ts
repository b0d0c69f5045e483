// What the salespeople send in the benchmark: /查重 (half about a registered company), /我的 and
// /报备 of new companies, each in the sender's single chat with the robot. Single chats because a
// DingTalk conversation takes 20 robot messages a minute: real traffic is spread over many people.
import type { Random } from '../../dedup/gen/random';
import { newCompany } from '../wecom/org';

export const KINDS = ['查重', '我的', '报备'] as const;
export type Kind = (typeof KINDS)[number];

export interface Message {
  kind: Kind;
  /** DingTalk userId of the sender. */
  sender: string;
  text: string;
}

export class TrafficMaker {
  constructor(
    private readonly rnd: Random,
    private readonly senders: string[],
    /** Registered company names; /查重 asks about one of them half of the time. */
    private readonly known: string[],
    private readonly usedCores: Set<string>,
  ) {}

  make(n: number): Message[] {
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
