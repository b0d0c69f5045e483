/**
 * Which instance runs what only one may run at a time: the scheduled sweeps, the outbox
 * dispatcher, and the WeCom long connection (WeCom keeps one per bot: a newer one kicks the older).
 */
export interface Leadership {
  readonly instanceId: string;
  isLeader(): boolean;
  /** Hears every change: true when this instance starts leading, false when it stops. */
  onChange(listener: (leading: boolean) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The instance that leads now, as the database knows it (for /healthz). */
  currentLeader(): Promise<string | undefined>;
}

/** SQLite: one process owns the file, so it always leads. */
export class SoleInstance implements Leadership {
  private readonly listeners: ((leading: boolean) => void)[] = [];
  private started = false;

  constructor(readonly instanceId: string) {}

  isLeader(): boolean {
    return this.started;
  }

  onChange(listener: (leading: boolean) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const l of this.listeners) l(true);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const l of this.listeners) l(false);
  }

  async currentLeader(): Promise<string | undefined> {
    return this.started ? this.instanceId : undefined;
  }
}
