import pg from 'pg';
import type { Leadership } from '../leadership';

/** The session-level advisory lock whose holder leads. */
export const LEADER_LOCK = 0x64670002;

export interface AdvisoryLeadershipOptions {
  url: string;
  instanceId: string;
  /** How often a follower tries to take the lead, and the leader checks it still holds it (default 2 s). */
  pollMs?: number;
  onError?: (e: unknown) => void;
}

/**
 * Leadership as a PostgreSQL session-level advisory lock held on a connection of its own. The lock
 * lives exactly as long as that connection: when the leader dies (even SIGKILL), the server drops
 * its connection and the lock with it, and the next follower to poll takes over — within one poll
 * interval of the server noticing. A leader that cannot reach the server steps down at once.
 */
export class AdvisoryLeadership implements Leadership {
  readonly instanceId: string;
  private client: pg.Client | undefined;
  private leading = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly listeners: ((leading: boolean) => void)[] = [];
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly opts: AdvisoryLeadershipOptions) {
    this.instanceId = opts.instanceId;
  }

  isLeader(): boolean {
    return this.leading;
  }

  onChange(listener: (leading: boolean) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
    this.setLeading(false);
  }

  async currentLeader(): Promise<string | undefined> {
    const c = new pg.Client({ connectionString: this.opts.url });
    try {
      await c.connect();
      const r = await c.query(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1 AND l.classid = 0 AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [LEADER_LOCK],
      );
      const name: string | undefined = r.rows[0]?.name;
      return name?.startsWith('dealguard-leader:') ? name.slice('dealguard-leader:'.length) : name;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.schedule());
    }, this.opts.pollMs ?? 2000);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (!this.client) this.client = await this.connect();
      if (this.leading) {
        await this.client.query('SELECT 1');
        return;
      }
      const r = await this.client.query('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK]);
      if (r.rows[0]?.ok === true && !this.stopped) this.setLeading(true);
    } catch (e) {
      this.opts.onError?.(e);
      const client = this.client;
      this.client = undefined;
      client?.end().catch(() => undefined);
      this.setLeading(false);
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.opts.url,
      application_name: `dealguard-leader:${this.instanceId}`.slice(0, 63),
      keepAlive: true,
      query_timeout: 5000,
    });
    client.on('error', (e) => {
      this.opts.onError?.(e);
      if (this.client === client) this.client = undefined;
      this.setLeading(false);
    });
    await client.connect();
    return client;
  }

  private setLeading(leading: boolean): void {
    if (this.leading === leading) return;
    this.leading = leading;
    for (const l of this.listeners) l(leading);
  }
}
