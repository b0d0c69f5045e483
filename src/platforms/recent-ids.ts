// Platforms redeliver (WeCom "可能因为网络等原因重复回调", DingTalk on a late or lost ACK). The bot
// dedupes durably by message/event id; this small window only spares it the obvious repeats
// within one process. Shared by the platform folders; it knows no platform.
export class RecentIds {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly capacity = 2_000,
    private readonly ttlMs = 15 * 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when `id` was already seen inside the window; records it otherwise. */
  seen(id: string): boolean {
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
