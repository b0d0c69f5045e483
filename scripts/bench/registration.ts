import { performance } from 'node:perf_hooks';
import type { Bench } from './index';
import { benchActors, benchApp, BENCH_SALES, companies, nextInputs, prefill, registerThroughBot } from './fixtures';
import { fmt, summarize } from './stats';
import { printMessage } from '../../src/platforms/console/printer';
import type { RegistrationInput } from '../../src/domain/registration/types';

const PREFILL = 100_000;

export const bench: Bench = {
  name: 'registration',
  description: `with ${PREFILL.toLocaleString()} customers registered: registration throughput and console command latency`,
  async run() {
    const b = await benchApp('registration');
    const t0 = performance.now();
    const pre = await prefill(b, PREFILL, 1);
    process.stdout.write(`prefill: ${PREFILL} registrations (${pre.submitted} submitted, rest blocked/suspect) in ${((performance.now() - t0) / 1000).toFixed(1)} s = ${pre.rate.toFixed(0)}/s (1000 per transaction)\n`);

    // One registration per transaction, as a command does: dedup check + insert + audit + outbox.
    const root = b.app.root;
    const gen = companies(2);
    const actors = await benchActors(b);
    const N = 5000;
    const lat: number[] = [];
    const t1 = performance.now();
    for (let i = 0; i < N; i++) {
      const input = gen.next().value as RegistrationInput;
      const s = performance.now();
      await root.write((d) => d.register.register(actors[i % actors.length]!, input));
      lat.push(performance.now() - s);
    }
    const rate = N / ((performance.now() - t1) / 1000);
    const l = summarize(lat);
    process.stdout.write(`registration, one per transaction, one after another: ${rate.toFixed(0)}/s, p50 ${fmt(l.p50)}, p99 ${fmt(l.p99)}\n`);

    // The same through the bot, many salespeople at once: commands that arrive together share a
    // commit (group commit), each still all-or-nothing in its own savepoint.
    const M = 5000;
    const inFlight = 64;
    const conc = await registerThroughBot(b, nextInputs(gen, M), inFlight, 'conc');
    process.stdout.write(`registration through the bot, ${inFlight} in flight (group commit): ${conc.rate.toFixed(0)}/s (${conc.submitted} submitted, the rest answered as duplicates)\n`);

    // Console line in → reply out (rendered), mixed commands.
    const line = (i: number): string => {
      switch (i % 5) {
        case 0:
          return `/查重 ${(gen.next().value as RegistrationInput).company}`;
        case 1:
          return '/我的';
        case 2: {
          const c = gen.next().value as RegistrationInput;
          return `/报备 ${c.company} 张伟 ${c.mobile.replace('+86', '')}`;
        }
        case 3:
          return '/公海';
        default:
          return '/帮助 报备';
      }
    };
    const samples: Record<string, number[]> = {};
    for (let i = 0; i < 2500; i++) {
      const text = line(i);
      const who = BENCH_SALES[i % BENCH_SALES.length]!;
      const s = performance.now();
      const res = await b.app.bot.onMessage({ platform: 'console', messageId: `bench-${i}`, senderPlatformId: who, chat: { platform: 'console', chatId: '华东销售群', kind: 'group' }, text, mentions: [] });
      for (const r of res.replies) printMessage('', r);
      const ms = performance.now() - s;
      if (i >= 500) (samples[text.split(' ')[0]!] ??= []).push(ms);
    }
    const all = Object.values(samples).flat();
    const s = summarize(all);
    process.stdout.write(`command latency (console line in → reply out), ${s.n} commands: p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, max ${fmt(s.max)}\n`);
    for (const [cmd, xs] of Object.entries(samples)) {
      const x = summarize(xs);
      process.stdout.write(`  ${cmd}: p50 ${fmt(x.p50)}, p99 ${fmt(x.p99)}\n`);
    }
    const size = b.db.$client.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number };
    process.stdout.write(`database: ${(size.bytes / 1024 / 1024).toFixed(0)} MB\n`);
    await b.close();
  },
};
