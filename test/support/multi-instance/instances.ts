// Starts instance-child.ts processes (real Node processes running the TypeScript through tsx, so
// SIGKILL reaches the instance itself) and reads their JSON lines.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { PgStore } from '../../../src/storage/pg/pg-store';
import { systemClock } from '../../../src/clock/clock';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { domainEnv } from '../../../src/domain/deps';
import { DomainRoot } from '../../../src/domain/domain';
import { applyOrg } from '../../../src/domain/org/apply-org';
import type { OrgData } from '../../../src/domain/org/org-data';

const CHILD = path.join(__dirname, 'instance-child.ts');

export type ChildEvent = { instance: string; event: string; [k: string]: unknown };

export class Instance {
  readonly events: ChildEvent[] = [];
  readonly exited: Promise<number | null>;
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  private dead = false;

  private constructor(
    readonly id: string,
    readonly proc: ChildProcessWithoutNullStreams,
  ) {
    let buf = '';
    proc.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('{')) this.events.push(JSON.parse(line) as ChildEvent);
        for (const l of [...this.listeners]) l();
      }
    });
    proc.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
      if (process.env.MI_LOG) process.stderr.write(`[${id}] ${d.toString()}`);
    });
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code) => {
        this.dead = true;
        for (const l of [...this.listeners]) l();
        resolve(code);
      }),
    );
  }

  static spawn(id: string, env: Record<string, string>): Instance {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, MI_INSTANCE: id, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new Instance(id, proc);
  }

  /** The end of what the child wrote to stderr (its log with MI_LOG), for failure messages. */
  stderrTail(chars = 3000): string {
    return `[${this.id}] ${this.stderr.slice(-chars)}`;
  }

  get alive(): boolean {
    return !this.dead;
  }

  send(cmd: Record<string, unknown>): void {
    this.proc.stdin.write(`${JSON.stringify(cmd)}\n`);
  }

  /** The first event (from `from` on) that matches, waiting for it. */
  waitFor(match: (e: ChildEvent) => boolean, timeoutMs = 15_000, what = 'event', from = 0): Promise<ChildEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find(match);
        if (found) {
          done();
          resolve(found);
        } else if (this.dead) {
          done();
          reject(new Error(`${this.id} exited before ${what}: ${this.stderr.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.id}: no ${what} within ${timeoutMs} ms. stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  ready(timeoutMs = 30_000): Promise<ChildEvent> {
    return this.waitFor((e) => e.event === 'ready', timeoutMs, 'ready');
  }

  /** Leading right now, as its last leadership event says. */
  get leading(): boolean {
    const last = this.events.filter((e) => e.event === 'leading').at(-1);
    return last?.leading === true;
  }

  kill(): Promise<number | null> {
    if (!this.dead) this.proc.kill('SIGKILL');
    return this.exited;
  }

  /** Closes stdin: the child stops its app and exits; SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.dead) return;
    this.proc.stdin.end();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Migrates a fresh database and applies the organisation, as an admin's import would. */
export async function seedOrg(url: string, org: OrgData): Promise<void> {
  const store = await PgStore.open({ url });
  try {
    await new DomainRoot(domainEnv(store, systemClock, DEFAULT_RULES)).write((d) => applyOrg(d.deps, org, 'system'));
  } finally {
    await store.close();
  }
}

/** One query on its own connection. */
export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
