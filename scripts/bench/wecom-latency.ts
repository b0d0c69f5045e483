// npm run bench -- wecom: end-to-end latency of the bot over WeCom. A fake long-connection server
// (in a worker thread) pushes aibot_msg_callback frames at a fixed rate; the real SDK, createPlatforms,
// the bot, the domain and the dispatcher answer over a SQLite file pre-filled with 10,000 customers;
// the latency is from the frame leaving the fake server to the reply frame reaching it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { count } from 'drizzle-orm';
import { openDb } from '../../db/open';
import { createApp } from '../../src/app/create-app';
import { createPlatforms } from '../../src/app/platforms';
import { systemClock } from '../../src/clock/clock';
import { domainEnv } from '../../src/domain/deps';
import { DomainRoot } from '../../src/domain/domain';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { applyOrg } from '../../src/domain/org/apply-org';
import { DEFAULT_RULES, type Rules } from '../../src/domain/rules';
import { silentLogger } from '../../src/log/logger';
import { Random } from '../dedup/gen/random';
import type { Bench } from './index';
import { fmt, summarize } from './stats';
import { LoadServer } from './wecom/load';
import { benchOrg, prefill } from './wecom/org';
import { KINDS, TrafficMaker, type Kind } from './wecom/traffic';
import { startCheckpointer } from '../../db/checkpointer';

const CUSTOMERS = 10_000;
const TEAMS = 40;
const PER_TEAM = 50;
const TARGET_P99_MS = 100;
const STEP_RATES = [50, 75, 100, 125, 150, 175, 200, 250, 300, 400, 500];

// Quiet hours off: the dispatcher pushes approval cards whatever the hour the bench runs at.
const RULES: Rules = { ...DEFAULT_RULES, schedule: { ...DEFAULT_RULES.schedule, quietHours: null } };

interface StepResult {
  rate: number;
  n: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
  /** Longest the app's event loop was blocked during the step. */
  loopMax: number;
  byKind: Record<Kind, { p50: number; p99: number }>;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

function summary(r: StepResult, withKinds: boolean): string {
  const head = `${String(r.rate).padStart(5)} msg/s: n=${r.n} p50=${fmt(r.p50)} p99=${fmt(r.p99)} max=${fmt(r.max)} lost=${r.lost} (app event loop blocked ≤ ${fmt(r.loopMax)})`;
  if (!withKinds) return head;
  return `${head}\n         ${KINDS.map((k) => `/${k} p50=${fmt(r.byKind[k].p50)} p99=${fmt(r.byKind[k].p99)}`).join(' · ')}`;
}

export const bench: Bench = {
  name: 'wecom',
  description: `WeCom end to end (fake server → real SDK → app → SQLite file with ${CUSTOMERS} customers → reply frame), p50/p99 by rate`,
  async run() {
    // Latency is only as good as the machine is quiet: say how busy it was.
    const load1 = () => os.loadavg()[0]?.toFixed(2);
    out(`${os.cpus().length} CPUs, ${process.version}, load average ${load1()} at start`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealguard-wecom-bench-'));
    // As the bot runs: WAL checkpoints in a background thread (db/checkpointer.ts).
    const store = new SqliteStore(openDb({ file: path.join(dir, 'bench.db'), backgroundCheckpoint: true }));
    const checkpointer = startCheckpointer(path.join(dir, 'bench.db'));
    const rnd = new Random(20261125);
    const usedCores = new Set<string>();
    const { org, senders } = benchOrg(TEAMS, PER_TEAM);
    const setup = new DomainRoot(domainEnv(store, systemClock, RULES));
    await setup.write((d) => applyOrg(d.deps, org, 'system'));
    const t0 = performance.now();
    const known = await prefill(setup, CUSTOMERS, rnd, usedCores);
    out(`pre-filled ${known.length} customers (registered and approved, one transaction) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${senders.length} salespeople`);

    const load = await LoadServer.start();
    const logger = silentLogger();
    const env = {
      WECOM_MODE: 'aibot',
      WECOM_BOT_ID: load.botId,
      WECOM_BOT_SECRET: load.secret,
      WECOM_WS_URL: load.url,
      // Approval pushes to the 40 managers outrun WeCom's 30 a minute each: fail them fast to the
      // outbox's back-off instead of parking the dispatcher for a minute.
      WECOM_SEND_MAX_WAIT_MS: '1000',
    };
    const set = await createPlatforms(['wecom'], env, { logger, clock: systemClock, consolePlatform: undefined });
    const app = createApp({ store, clock: systemClock, rules: RULES, logger, platforms: set.platforms });
    set.bindOutbox(app);
    await app.start();
    const traffic = new TrafficMaker(rnd, senders, known, usedCores);

    const step = async (rate: number, seconds: number): Promise<StepResult> => {
      const { kinds, bodies } = traffic.make(rate * seconds);
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const latencies = await load.run(bodies, rate);
      lag.disable();
      const got = latencies.filter((l): l is number => l !== null);
      const all = summarize(got);
      const byKind = Object.fromEntries(
        KINDS.map((k) => {
          const s = summarize(latencies.filter((l, i): l is number => l !== null && kinds[i] === k));
          return [k, { p50: s.p50, p99: s.p99 }];
        }),
      ) as StepResult['byKind'];
      // Let the outbox and WAL settle so that one step's backlog is not billed to the next.
      await new Promise((r) => setTimeout(r, 1000));
      return { rate, n: latencies.length, lost: latencies.length - got.length, p50: all.p50, p99: all.p99, max: all.max, loopMax: lag.max / 1e6, byKind };
    };

    try {
      await step(20, 3);
      out('fixed rates, 10 s each:');
      for (const rate of [50, 200]) out(summary(await step(rate, 10), true));

      out(`step-up, 10 s each, until p99 ≥ ${TARGET_P99_MS} ms or a reply is lost:`);
      let best: number | undefined;
      for (const rate of STEP_RATES) {
        const r = await step(rate, 10);
        out(summary(r, false));
        if (r.lost > 0 || r.p99 >= TARGET_P99_MS) break;
        best = rate;
      }
      out(best === undefined ? `no tested rate kept p99 under ${TARGET_P99_MS} ms` : `highest rate sustained with p99 < ${TARGET_P99_MS} ms: ${best} msg/s`);
      const rows = await store.read(async ({ db, t }) => await db.select({ status: t.outbox.status, n: count() }).from(t.outbox).groupBy(t.outbox.status));
      out(`outbox at the end: ${rows.map((r) => `${r.status} ${r.n}`).join(', ')} (approval cards to managers wait for WeCom's 30 a minute per conversation)`);
      out(`load average ${load1()} at the end`);
    } finally {
      await app.stop();
      await load.close();
      await checkpointer.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
