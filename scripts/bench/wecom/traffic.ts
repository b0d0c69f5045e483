// The benchmark's commands (see ../command-mix.ts) as WeCom aibot_msg_callback bodies.
import type { Random } from '../../dedup/gen/random';
import { fixtureFrame } from '../../../test/fakes/wecom/fixtures';
import { CommandMix, type Kind } from '../command-mix';

export { KINDS, type Kind } from '../command-mix';

export interface Traffic {
  kinds: Kind[];
  /** aibot_msg_callback bodies, in sending order. */
  bodies: Record<string, unknown>[];
}

export class TrafficMaker {
  private seq = 0;
  private readonly mix: CommandMix;

  constructor(rnd: Random, senders: string[], known: string[], usedCores: Set<string>) {
    this.mix = new CommandMix(rnd, senders, known, usedCores);
  }

  make(n: number): Traffic {
    const commands = this.mix.make(n);
    return { kinds: commands.map((c) => c.kind), bodies: commands.map((c) => this.body(c.sender, c.text)) };
  }

  private body(userid: string, content: string): Record<string, unknown> {
    const patch = { msgid: `bench-${++this.seq}`, chattype: 'single', chatid: undefined, from: { userid }, text: { content } };
    return fixtureFrame('aibot-msg-text-group.json', patch).body;
  }
}
