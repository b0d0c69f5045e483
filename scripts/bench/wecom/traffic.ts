// The messages salespeople send in the benchmark: a mix of /查重, /我的 and /报备 in single chats.
// Single chats, because WeCom allows a conversation 30 bot messages a minute: a group could not
// carry this rate, and spreading it over many people is what real traffic looks like.
import type { Random } from '../../dedup/gen/random';
import { fixtureFrame } from '../../../test/fakes/wecom/fixtures';
import { newCompany } from './org';

export const KINDS = ['查重', '我的', '报备'] as const;
export type Kind = (typeof KINDS)[number];

export interface Traffic {
  kinds: Kind[];
  /** aibot_msg_callback bodies, in sending order. */
  bodies: Record<string, unknown>[];
}

export class TrafficMaker {
  private seq = 0;

  constructor(
    private readonly rnd: Random,
    private readonly senders: string[],
    /** Registered company names; /查重 asks about one of them half of the time. */
    private readonly known: string[],
    private readonly usedCores: Set<string>,
  ) {}

  make(n: number): Traffic {
    const kinds: Kind[] = [];
    const bodies: Record<string, unknown>[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.rnd.next();
      const kind: Kind = r < 0.4 ? '查重' : r < 0.7 ? '我的' : '报备';
      kinds.push(kind);
      bodies.push(this.body(this.rnd.pick(this.senders), this.text(kind)));
    }
    return { kinds, bodies };
  }

  private text(kind: Kind): string {
    if (kind === '我的') return '/我的';
    if (kind === '查重') return `/查重 ${this.rnd.chance(0.5) ? this.rnd.pick(this.known) : newCompany(this.rnd, this.usedCores).name}`;
    const c = newCompany(this.rnd, this.usedCores);
    this.known.push(c.name);
    return `/报备 ${c.name} ${c.contact} ${c.mobile}`;
  }

  private body(userid: string, content: string): Record<string, unknown> {
    const patch = { msgid: `bench-${++this.seq}`, chattype: 'single', chatid: undefined, from: { userid }, text: { content } };
    return fixtureFrame('aibot-msg-text-group.json', patch).body;
  }
}
