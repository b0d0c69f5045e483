// Catching up after downtime, on both engines: the bot is down over the daily sweep times; when
// it starts again (PostgreSQL, several instances: when one takes the lead) it runs the sweeps it
// missed, once, and each reminder (rule, subject, milestone) goes out once — never again from a
// later start or a later leader.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { openStore, type OpenedStore } from '../../../src/app/open-store';
import { createApp, type App } from '../../../src/app/create-app';
import { AdvisoryLeadership } from '../../../src/storage/pg/advisory-leadership';
import type { Leadership } from '../../../src/storage/leadership';
import { VirtualClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { domainEnv } from '../../../src/domain/deps';
import { DomainRoot } from '../../../src/domain/domain';
import { BusinessTime } from '../../../src/domain/time';
import { seedDemo } from '../../../src/app/seed';
import { ConsolePlatform } from '../../../src/platforms/console/console-platform';
import { runRepl } from '../../../src/platforms/console/repl';
import { consolePersonName, consoleSession } from '../../../src/app/console-session';
import { ENGINES, type TestEngine } from '../../support/stores';
import { createTestDatabase } from '../../support/pg';

const DEMO_NOW = '2026-11-25T10:00:00+08:00';

interface Instance {
  app: App;
  clock: VirtualClock;
  output: string[];
  run(script: string): Promise<string>;
  /** Templates of the notices sent so far (by any instance). */
  sentTemplates(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * One bot process on the console platform over the database at `location` (a SQLite file or a
 * postgres:// URL), opened the way src/main.ts opens it. `leadership` replaces the store's own
 * (a shorter poll, for the takeover test).
 */
async function startInstance(location: string, opts: { now?: string; instanceId?: string; leadership?: (url: string, id: string) => Leadership } = {}): Promise<Instance> {
  const postgres = location.startsWith('postgres');
  const instanceId = opts.instanceId ?? 'one';
  const opened: OpenedStore = await openStore({ db: postgres ? ':memory:' : location, ...(postgres ? { url: location } : {}), instanceId, checkIntegrity: !postgres });
  const leadership = opts.leadership ? opts.leadership(location, instanceId) : opened.leadership;
  const store = opened.store;
  const clock = new VirtualClock(new Date(opts.now ?? DEMO_NOW));
  const rules = DEFAULT_RULES;
  const output: string[] = [];
  const out = (t: string) => output.push(t);
  const time = new BusinessTime(rules.schedule.timezone);
  const platform = new ConsolePlatform(out, { personName: consolePersonName(new DomainRoot(domainEnv(store, clock, rules))), now: () => clock.now(), formatTime: (at) => time.dateTime(at) });
  const app = createApp({ store, clock, rules, logger: silentLogger(), platforms: [platform], dispatchOnChange: false, leadership });
  await app.root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
  await app.start();
  const session = consoleSession(app, platform, clock);
  return {
    app,
    clock,
    output,
    async run(script) {
      const before = output.length;
      const lines = script.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      await runRepl(session, { input: Readable.from(lines.map((l) => `${l}\n`)), out, interactive: false });
      return output.slice(before).join('\n');
    },
    sentTemplates: () =>
      app.root.read(async (d) => {
        const { db, t } = d.deps.tx;
        return (await db.select().from(t.outbox).where(eq(t.outbox.status, 'sent'))).map((r) => r.payload.template);
      }),
    async close() {
      await app.stop();
      await opened.close();
    },
  };
}

async function location(engine: TestEngine): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'postgres') return createTestDatabase('catchup');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-catchup-'));
  return { url: path.join(dir, 'db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const count = (templates: string[], template: string) => templates.filter((t) => t === template).length;

describe.each(ENGINES)('catching up after downtime (%s)', (engine) => {
  it('catches up on start: reminders missed while the bot was down go out once', async () => {
    const db = await location(engine);
    try {
      const first = await startInstance(db.url);
      await first.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
      await first.close();
      // Down over the daily sweeps from day 1 to day 18: the day-14 no-follow-up reminder was missed.
      const day18 = await startInstance(db.url, { now: '2026-12-13T15:00:00+08:00' });
      expect(count(await day18.sentTemplates(), 'protection.no_follow_up')).toBe(1);
      expect(day18.output.join('\n')).toContain('14 天未跟进：杭州云启科技有限公司');
      await day18.close();
      const day28 = await startInstance(db.url, { now: '2026-12-23T15:00:00+08:00' });
      expect(count(await day28.sentTemplates(), 'protection.expiring')).toBe(1);
      expect(day28.output.join('\n')).toContain('还剩 2 天');
      await day28.close();
      // Started again the same afternoon: nothing is due again.
      const third = await startInstance(db.url, { now: '2026-12-23T15:30:00+08:00' });
      expect(third.output.join('\n')).not.toContain('提醒');
      const templates = await third.sentTemplates();
      expect(templates.filter((t) => t.startsWith('protection.'))).toHaveLength(2);
      expect(count(templates, 'protection.no_follow_up')).toBe(1);
      await third.close();
    } finally {
      await db.drop();
    }
  }, 60_000);
});

describe('catching up when an instance takes the lead (postgres, several instances)', () => {
  const fastLeadership = (url: string, instanceId: string) => new AdvisoryLeadership({ url, instanceId, pollMs: 50 });
  const until = async (what: string, ok: () => boolean, ms = 10_000) => {
    for (const t0 = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    }
  };

  it('a follower does not sweep; the instance that takes over catches up, once, and the next leader finds nothing due', async () => {
    const db = await createTestDatabase('catchup');
    const open: Instance[] = [];
    const start = async (id: string, now?: string) => {
      const i = await startInstance(db.url, { instanceId: id, leadership: fastLeadership, ...(now ? { now } : {}) });
      open.push(i);
      return i;
    };
    const stop = async (i: Instance) => {
      open.splice(open.indexOf(i), 1);
      await i.close();
    };
    try {
      const a = await start('a');
      expect(a.app.leadership.isLeader()).toBe(true);
      await a.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
      // b follows; its clock is already at day 18, but a follower runs no sweeps.
      const b = await start('b', '2026-12-13T15:00:00+08:00');
      expect(b.app.leadership.isLeader()).toBe(false);
      await new Promise((r) => setTimeout(r, 300));
      expect(count(await b.sentTemplates(), 'protection.no_follow_up')).toBe(0);
      expect(b.output).toEqual([]);
      // a goes down: b takes the lead and catches up on the sweeps a missed.
      await stop(a);
      await until('b to lead', () => b.app.leadership.isLeader());
      await b.app.leadershipSettled();
      expect(count(await b.sentTemplates(), 'protection.no_follow_up')).toBe(1);
      expect(b.output.join('\n')).toContain('14 天未跟进：杭州云启科技有限公司');
      // a comes back at day 28 and follows; when b goes down, a leads and catches up.
      const a2 = await start('a', '2026-12-23T15:00:00+08:00');
      expect(a2.app.leadership.isLeader()).toBe(false);
      await new Promise((r) => setTimeout(r, 300));
      expect(count(await a2.sentTemplates(), 'protection.expiring')).toBe(0);
      await stop(b);
      await until('a to lead', () => a2.app.leadership.isLeader());
      await a2.app.leadershipSettled();
      expect(count(await a2.sentTemplates(), 'protection.expiring')).toBe(1);
      expect(a2.output.join('\n')).toContain('还剩 2 天');
      // b again, half an hour later: it takes over from a and finds nothing due.
      const b2 = await start('b', '2026-12-23T15:30:00+08:00');
      await stop(a2);
      await until('b to lead again', () => b2.app.leadership.isLeader());
      await b2.app.leadershipSettled();
      expect(b2.output.join('\n')).not.toContain('提醒');
      const templates = await b2.sentTemplates();
      expect(templates.filter((t) => t.startsWith('protection.'))).toHaveLength(2);
      expect(count(templates, 'protection.no_follow_up')).toBe(1);
    } finally {
      for (const i of open) await i.close();
      await db.drop();
    }
  }, 60_000);
});
