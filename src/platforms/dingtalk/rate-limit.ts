// Client-side limits so that DingTalk's own throttling (403 QpsLimit, robots' per-minute caps)
// is the exception, not the rule. Time is monotonic wall time, not the business clock.

export type Now = () => number;
export const monotonicNow: Now = () => performance.now();

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/** At most `limit` events in any `windowMs`: per conversation (robot messages per minute). */
export class SlidingWindow {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: Now = monotonicNow,
  ) {}

  /** How long to wait before the next event fits; 0 when it fits now. */
  delay(): number {
    const t = this.now();
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= t - this.windowMs) this.stamps.shift();
    if (this.stamps.length < this.limit) return 0;
    return (this.stamps[0] ?? t) + this.windowMs - t;
  }

  record(): void {
    this.stamps.push(this.now());
  }

  /** No event inside the window any more: the window can be dropped. */
  isIdle(): boolean {
    this.delay();
    return this.stamps.length === 0;
  }
}

/** Evenly spaced calls, `perSecond` at most, plus a shared pause after DingTalk said "too fast". */
export class CallPacer {
  private nextFreeAt = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: Now = monotonicNow,
  ) {}

  async take(): Promise<void> {
    const t = this.now();
    const at = Math.max(t, this.nextFreeAt);
    this.nextFreeAt = at + 1_000 / this.perSecond;
    await sleep(at - t);
  }

  pause(ms: number): void {
    this.nextFreeAt = Math.max(this.nextFreeAt, this.now() + ms);
  }
}
