// DingTalk may push the same callback twice (late or lost ACK, network jitter). The bot dedupes
// durably by messageId; this small window only spares it the obvious repeats within one process.
import { monotonicNow, type Now } from './rate-limit';

export class RecentIds {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly max = 2_000,
    private readonly ttlMs = 15 * 60_000,
    private readonly now: Now = monotonicNow,
  ) {}

  /** True when `id` was already seen inside the window; records it otherwise. */
  seen(id: string): boolean {
    const t = this.now();
    const at = this.seenAt.get(id);
    if (at !== undefined && t - at < this.ttlMs) return true;
    this.seenAt.delete(id);
    this.seenAt.set(id, t);
    while (this.seenAt.size > this.max) {
      const oldest = this.seenAt.keys().next().value;
      if (oldest === undefined) break;
      this.seenAt.delete(oldest);
    }
    return false;
  }
}
