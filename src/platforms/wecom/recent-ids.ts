// WeCom may deliver the same callback twice (doc 100719: "可能因为网络等原因重复回调"). The bot dedupes
// durably by messageId/eventId; this small in-memory set only spares it the obvious repeats.
export class RecentIds {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly capacity = 2000,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the id was already recorded (and not expired); records it otherwise. */
  checkAndAdd(id: string): boolean {
    const t = this.now();
    const at = this.seenAt.get(id);
    if (at !== undefined && t - at < this.ttlMs) return true;
    this.seenAt.delete(id);
    this.seenAt.set(id, t);
    while (this.seenAt.size > this.capacity) {
      const oldest = this.seenAt.keys().next().value;
      if (oldest === undefined) break;
      this.seenAt.delete(oldest);
    }
    return false;
  }
}
