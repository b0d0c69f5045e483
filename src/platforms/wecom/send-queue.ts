// Per-conversation pacing. WeCom allows 30 messages a minute and 1000 an hour per conversation,
// replies and pushes together (doc 101463), and silently drops app messages beyond 30/min per member.
// A send takes a slot in FIFO order and waits for it; a wait longer than maxWaitMs fails instead,
// retryable with retryAfterMs, so the outbox dispatcher is not blocked for an hour.
import { SendError } from '../types';
import type { RateLimit } from './config';

export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Conversation {
  /** Reserved send times, ascending. */
  slots: number[];
  blockedUntil: number;
}

export class SendQueue {
  private readonly conversations = new Map<string, Conversation>();
  private readonly longestWindow: number;

  constructor(
    private readonly limits: RateLimit[],
    private readonly maxWaitMs: number,
    private readonly timing: Timing = realTiming,
  ) {
    this.longestWindow = Math.max(0, ...limits.map((l) => l.windowMs));
  }

  /** Waits until this conversation may receive one more message, and takes that slot. */
  async acquire(conversation: string): Promise<void> {
    const now = this.timing.now();
    const c = this.conversation(conversation, now);
    const at = this.earliestSlot(c, now);
    const wait = at - now;
    if (wait > this.maxWaitMs) {
      throw new SendError(`WeCom rate limit for ${conversation}: next slot in ${wait} ms`, {
        retryable: true,
        retryAfterMs: wait,
        code: 'wecom_rate_limit_local',
      });
    }
    c.slots.push(at);
    if (wait > 0) await this.timing.sleep(wait);
  }

  /** WeCom said "too fast": nothing more to this conversation for ms. */
  block(conversation: string, ms: number): void {
    const now = this.timing.now();
    const c = this.conversation(conversation, now);
    c.blockedUntil = Math.max(c.blockedUntil, now + ms);
  }

  private earliestSlot(c: Conversation, now: number): number {
    let at = Math.max(now, c.blockedUntil, c.slots[c.slots.length - 1] ?? now);
    for (const limit of this.limits) {
      const nth = c.slots[c.slots.length - limit.max];
      if (nth !== undefined) at = Math.max(at, nth + limit.windowMs);
    }
    return at;
  }

  private conversation(key: string, now: number): Conversation {
    let c = this.conversations.get(key);
    if (!c) {
      c = { slots: [], blockedUntil: 0 };
      this.conversations.set(key, c);
    }
    const horizon = now - this.longestWindow;
    let drop = 0;
    while (drop < c.slots.length && (c.slots[drop] as number) <= horizon) drop++;
    if (drop > 0) c.slots.splice(0, drop);
    return c;
  }
}
