// npm run bench -- dingtalk: end-to-end latency of the bot over DingTalk. A fake DingTalk (in a
// worker thread) pushes robot-message CALLBACK frames at a fixed rate; the real dingtalk-stream
// client, createPlatforms, the bot, the domain and the dispatcher answer over a SQLite file
// pre-filled with 10,000 customers. Measured in the worker: frame out → the bot's ACK back, and
// frame out → the reply reaching the fake's sessionWebhook (or its OpenAPI, for a card).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
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
import pino from 'pino';
import { createLogger, silentLogger } from '../../src/log/logger';
import { Random } from '../dedup/gen/random';
import { benchOrg } from './dingtalk/org';
import { LoadServer } from './dingtalk/load';
import { KINDS, CommandMix as TrafficMaker } from './command-mix';
import type { Bench } from './index';
import { fmt, summarize } from './stats';
import { prefill } from './wecom/org';
import { startCheckpointer } from '../../db/checkpointer';

const CUSTOMERS = 10_000;
const TEAMS = 40;
const PER_TEAM = 50;
const RATES = [50, 200];
const SECONDS = 15;

// Quiet hours off: the dispatcher pushes approval cards whatever the hour the bench runs at.
const RULES: Rules = { ...DEFAULT_RULES, schedule: { ...DEFAULT_RULES.schedule, quietHours: null } };

/** Where the platform finds the fake; every timing setting stays at its production default. */
const ADDRESS_KEYS = [
  'DINGTALK_CLIENT_ID',
  'DINGTALK_CLIENT_SECRET',
  'DINGTALK_ROBOT_CODE',
  'DINGTALK_CARD_TEMPLATE_ID',
  'DINGTALK_CARD_TEMPLATES',
  'DINGTALK_API_BASE',
  'DINGTALK_GATEWAY_URL',
];

const out = (line: string) => process.stdout.write(`${line}\n`);

function line(label: string, samples: (number | null)[]): string {
  const got = samples.filter((s): s is number => s !== null);
  const s = summarize(got);
  return `${label} p50=${fmt(s.p50)} p99=${fmt(s.p99)} max=${fmt(s.max)}${got.length < samples.length ? ` missing=${samples.length - got.length}` : ''}`;
}

export const bench: Bench = {
  name: 'dingtalk',
  description: `DingTalk end to end (fake Stream frame → real SDK → app → SQLite file with ${CUSTOMERS} customers → sessionWebhook/OpenAPI), p50/p99 at ${RATES.join(' and ')} msg/s`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealguard-dingtalk-bench-'));
    // As the bot runs: WAL checkpoints in a background thread (db/checkpointer.ts).
    const store = new SqliteStore(openDb({ file: path.join(dir, 'bench.db'), backgroundCheckpoint: true }));
    const checkpointer = startCheckpointer(path.join(dir, 'bench.db'));
    const rnd = new Random(20261126);
    const usedCores = new Set<string>();
    const { org, senders, names } = benchOrg(TEAMS, PER_TEAM);
    const setup = new DomainRoot(domainEnv(store, systemClock, RULES));
    await setup.write((d) => applyOrg(d.deps, org, 'system'));
    const t0 = performance.now();
    const known = await prefill(setup, CUSTOMERS, rnd, usedCores);
    out(`pre-filled ${known.length} customers (registered and approved, one transaction) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${senders.length} salespeople`);

    const load = await LoadServer.start({ users: [...names.keys()], names: [...names] });
    // DINGTALK_BENCH_LOG=<file>: the app's log lines (info and up), to see why a run was slow.
    const logFile = process.env.DINGTALK_BENCH_LOG;
    const logger = logFile ? createLogger({ level: 'info', destination: pino.destination({ dest: logFile, sync: false }) }) : silentLogger();
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(ADDRESS_KEYS.map((k) => [k, load.env[k]])),
      // Approval pushes to the 40 managers outrun DingTalk's 20 a minute each: fail them fast to the
      // outbox's back-off instead of parking the dispatcher.
      DINGTALK_MAX_QUEUE_WAIT_MS: '1000',
    };
    const set = await createPlatforms(['dingtalk'], env, { logger, clock: systemClock, consolePlatform: undefined });
    const app = createApp({ store, clock: systemClock, rules: RULES, logger, platforms: set.platforms });
    set.bindOutbox(app);
    await app.start();
    const traffic = new TrafficMaker(rnd, senders, known, usedCores);

    const step = async (rate: number, seconds: number, report: boolean): Promise<void> => {
      const messages = traffic.make(rate * seconds);
      const { replies, acks } = await load.run(messages, rate);
      if (report) {
        out(`${String(rate).padStart(4)} msg/s × ${seconds} s, n=${messages.length}`);
        out(`  ${line('reply', replies)}`);
        out(`  ${line('ACK  ', acks)}`);
        out(`  ${KINDS.map((k) => line(`/${k}`, replies.filter((_, i) => messages[i]!.kind === k))).join('\n  ')}`);
      }
      // Let the outbox and WAL settle so that one step's backlog is not billed to the next.
      await new Promise((r) => setTimeout(r, 2_000));
    };

    try {
      await step(20, 5, false);
      for (const rate of RATES) await step(rate, SECONDS, true);
      const rows = await store.read(async ({ db, t }) => await db.select({ status: t.outbox.status, n: count() }).from(t.outbox).groupBy(t.outbox.status));
      out(`outbox at the end: ${rows.map((r) => `${r.status} ${r.n}`).join(', ')} (approval cards to managers wait for DingTalk's 20 a minute per conversation)`);
    } finally {
      await app.stop();
      await load.close();
      await checkpointer.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
