import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import type { Bench } from './index';
import { benchActors, benchApp, BENCH_SALES, companies, nextInputs, prefill, registerThroughBot, syncToDisk } from './fixtures';
import { fmt, summarize } from './stats';
import { rawInputs, rawPg, rawSqlite } from './storage/raw-registration';
import { pgBenchApp } from './storage/pg-app';
import { copySqliteToPostgres } from '../../src/storage/move-up/copy-to-postgres';
import { PgStore } from '../../src/storage/pg/pg-store';
import type { App } from '../../src/app/create-app';
import type { RegistrationInput } from '../../src/domain/registration/types';

const PREFILL = Number(process.env.BENCH_STORAGE_PREFILL ?? 100_000);
const ONE_PER_TX = 3000;
const THROUGH_BOT = 5000;
const IN_FLIGHT = 64;

/** /查重 through the bot: p50 and p99 of `n` checks of names like the registered ones. */
async function checkLatency(app: App, gen: Generator<RegistrationInput>, n: number) {
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = gen.next().value as RegistrationInput;
    const who = BENCH_SALES[i % BENCH_SALES.length]!;
    const s = performance.now();
    await app.bot.onMessage({ platform: 'console', messageId: `chk-${i}-${s}`, senderPlatformId: who, chat: { platform: 'console', chatId: who, kind: 'private' }, text: `/查重 ${c.company}`, mentions: [] });
    lat.push(performance.now() - s);
  }
  return summarize(lat.slice(Math.floor(n / 10)));
}

/** `instances` bot processes on one PostgreSQL database, released together; total registrations/s. */
async function pgInstances(url: string, instances: number, total: number, inFlightEach: number, seedBase: number): Promise<{ rate: number; submitted: number }> {
  const child = path.join(__dirname, 'storage', 'instance-child.ts');
  const procs = Array.from({ length: instances }, (_, i) =>
    spawn(process.execPath, ['--import', 'tsx', child, url, String(Math.floor(total / instances)), String(inFlightEach), String(seedBase + i)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = procs.map((p) => {
    let buf = '';
    const lines: string[] = [];
    const waiters: ((l: string) => void)[] = [];
    p.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const w = waiters.shift();
        if (w) w(line);
        else lines.push(line);
      }
    });
    return () => new Promise<string>((resolve, reject) => {
      const l = lines.shift();
      if (l !== undefined) return resolve(l);
      waiters.push(resolve);
      p.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    });
  });
  await Promise.all(outputs.map((next) => next()));
  for (const p of procs) p.stdin!.write('go\n');
  const results = (await Promise.all(outputs.map((next) => next()))).map((l) => JSON.parse(l) as { n: number; submitted: number; startedAt: number; endedAt: number });
  const span = (Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt))) / 1000;
  return { rate: results.reduce((n, r) => n + r.n, 0) / span, submitted: results.reduce((n, r) => n + r.submitted, 0) };
}

export const bench: Bench = {
  name: 'storage',
  description: `the same registration work on SQLite and PostgreSQL (1, 2, 4 instances) with ${PREFILL.toLocaleString()} customers, and each engine's raw-SQL floor`,
  async run() {
    const lines: string[] = [];
    const say = (s: string) => {
      lines.push(s);
      process.stdout.write(`${s}\n`);
    };

    // SQLite, one process.
    const b = await benchApp('storage', 'none');
    const t0 = performance.now();
    await prefill(b, PREFILL, 1);
    say(`prefill ${PREFILL} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    syncToDisk(b);
    const gen = companies(2);
    const actors = await benchActors(b);
    const t1 = performance.now();
    for (let i = 0; i < ONE_PER_TX; i++) {
      const input = gen.next().value as RegistrationInput;
      await b.app.root.write((d) => d.register.register(actors[i % actors.length]!, input));
    }
    const liteOne = ONE_PER_TX / ((performance.now() - t1) / 1000);
    const liteBot = await registerThroughBot(b, nextInputs(gen, THROUGH_BOT), IN_FLIGHT, 'lite');
    const liteCheck = await checkLatency(b.app, gen, 2000);

    // Moving up: the filled SQLite file copied into a fresh PostgreSQL database (npm run migrate-to-postgres).
    const server = await (await import('../postgres-for-tests.mjs' as string)).startPostgres({ durable: true });
    const admin = new pg.Client(server.url);
    await admin.connect();
    await admin.query('CREATE DATABASE bench_storage');
    await admin.end();
    const url = server.url.replace(/\/postgres$/, '/bench_storage');
    const store = await PgStore.open({ url });
    const tc = performance.now();
    const copied = await copySqliteToPostgres(b.db.$client, store);
    const copyS = (performance.now() - tc) / 1000;
    await store.close();
    const rows = copied.tables.reduce((n, t) => n + t.rows, 0);
    say(`migrate-to-postgres: ${rows.toLocaleString()} rows in ${copyS.toFixed(1)} s, verified`);

    const liteRaw = rawSqlite(b.file, rawInputs(5000, 'rawlite'));
    await b.close();

    // PostgreSQL, one instance in this process, then 2 and 4 instance processes.
    const p1 = await pgBenchApp(url, 'bench-main', IN_FLIGHT + 2);
    const pgOne = await registerThroughBot(p1 as never, nextInputs(companies(3), THROUGH_BOT), IN_FLIGHT, 'pg1');
    const pgCheck = await checkLatency(p1.app, companies(4), 2000);
    await p1.close();
    const pg2 = await pgInstances(url, 2, THROUGH_BOT, IN_FLIGHT / 2, 10);
    const pg4 = await pgInstances(url, 4, THROUGH_BOT, IN_FLIGHT / 4, 20);
    const pgRaw = await rawPg(url, rawInputs(THROUGH_BOT, 'rawpg'), IN_FLIGHT);
    await server.stop();

    say('');
    say(`registration (dedup + insert + audit + outbox), ${PREFILL.toLocaleString()} customers:`);
    say(`  SQLite, one per transaction:            ${liteOne.toFixed(0)}/s`);
    say(`  SQLite, through the bot (${IN_FLIGHT} in flight): ${liteBot.rate.toFixed(0)}/s   raw-SQL floor ${liteRaw.toFixed(0)}/s   ratio ${(liteBot.rate / liteRaw).toFixed(2)}`);
    say(`  PostgreSQL, 1 instance:                 ${pgOne.rate.toFixed(0)}/s   ratio to its floor ${(pgOne.rate / pgRaw).toFixed(2)}`);
    say(`  PostgreSQL, 2 instances:                ${pg2.rate.toFixed(0)}/s   ratio ${(pg2.rate / pgRaw).toFixed(2)}`);
    say(`  PostgreSQL, 4 instances:                ${pg4.rate.toFixed(0)}/s   ratio ${(pg4.rate / pgRaw).toFixed(2)}`);
    say(`  PostgreSQL raw-SQL floor (${IN_FLIGHT} in flight): ${pgRaw.toFixed(0)}/s`);
    say(`/查重 through the bot: SQLite p50 ${fmt(liteCheck.p50)} p99 ${fmt(liteCheck.p99)}; PostgreSQL p50 ${fmt(pgCheck.p50)} p99 ${fmt(pgCheck.p99)}`);
  },
};
