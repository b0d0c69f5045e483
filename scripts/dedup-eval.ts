// npm run dedup-eval -- [<pairs.jsonl>] [--errors]
// For every pair: registers `a` in a fresh database (a savepoint undone after the pair, so each pair
// starts from nothing), checks `b` exactly as /查重 does (keys → index → compare), and counts.
// With a file: its figures, last line precision=… recall=… block_precision=… block_recall=… pairs=…
// Without: the generated set (test/fixtures/dedup/pairs.jsonl, today's figures), then the real-name
// set: the 字号 exact-match rate over real-names.jsonl and the figures of real-pairs.jsonl.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SqliteStore } from '../src/storage/sqlite/sqlite-store';
import { VirtualClock } from '../src/clock/clock';
import { DEFAULT_RULES } from '../src/domain/rules';
import { domainEnv } from '../src/domain/deps';
import { DomainRoot } from '../src/domain/domain';
import { seedDemo } from '../src/app/seed';
import { checkUscc, normalizeMobile } from '../src/domain/dedup';
import { coreExactRate, readRealNames } from '../test/fixtures/dedup/real-names';

const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures', 'dedup');
export const GENERATED_PAIRS = path.join(FIXTURES, 'pairs.jsonl');
export const REAL_PAIRS = path.join(FIXTURES, 'real-pairs.jsonl');

const pairSchema = z
  .object({
    a: z.string().min(1),
    b: z.string().min(1),
    duplicate: z.boolean(),
    aPhone: z.string().optional(),
    bPhone: z.string().optional(),
    aUscc: z.string().optional(),
    bUscc: z.string().optional(),
  })
  .passthrough();
type Pair = z.infer<typeof pairSchema>;

export interface EvalResult {
  pairs: number;
  precision: number;
  recall: number;
  blockPrecision: number;
  blockRecall: number;
  errors: { pair: Pair; tier: string; reasons: string[] }[];
}

/** Pairs of a .jsonl file; blank lines and lines starting with // are skipped. */
export function readPairs(file: string): Pair[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => ({ l: l.trim(), i }))
    .filter(({ l }) => l !== '' && !l.startsWith('//'))
    .map(({ l, i }) => {
      const r = pairSchema.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues[0]?.message}`);
      return r.data;
    });
}

const validMobile = (s?: string) => {
  const r = s ? normalizeMobile(s) : undefined;
  return r?.ok ? r.e164 : undefined;
};
const validUscc = (s?: string) => {
  const r = s ? checkUscc(s) : undefined;
  return r && r.format === 'ok' ? r.normalized : undefined;
};

/** Thrown inside each pair's savepoint to undo it. */
const UNDO = new Error('undo the pair');

export async function evaluate(pairs: Pair[]): Promise<EvalResult> {
  const store = SqliteStore.open({ file: ':memory:' });
  const root = new DomainRoot(domainEnv(store, new VirtualClock(new Date('2026-11-25T10:00:00+08:00')), DEFAULT_RULES));
  let tp = 0, fp = 0, fn = 0, blockTp = 0, blockFp = 0, positives = 0;
  const errors: EvalResult['errors'] = [];
  try {
    await root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
    await root.prepare();
    await root.write(async (d) => {
      const admin = await d.dir.require('admin');
      for (const [i, pair] of pairs.entries()) {
        try {
          await d.deps.tx.savepoint(async () => {
            // `a` gets a phone of its own when the pair gives none: the registration requires one.
            const aMobile = validMobile(pair.aPhone) ?? `+86139${String(10_000_000 + i).slice(-8)}`;
            const aUscc = validUscc(pair.aUscc);
            const r = await d.register.register(admin, { company: pair.a, contactName: '测试', mobile: aMobile, ...(aUscc ? { uscc: aUscc, usccChecksumOk: checkUscc(aUscc).checksum === 'ok' } : {}), confirmed: true });
            if (r.kind !== 'submitted') throw new Error(`could not register a: ${pair.a}`);
            const check = await d.finder.check({ name: pair.b, mobile: validMobile(pair.bPhone) ?? null, uscc: validUscc(pair.bUscc) ?? null });
            const flagged = check.tier !== 'none';
            if (pair.duplicate) positives++;
            if (flagged && pair.duplicate) tp++;
            if (flagged && !pair.duplicate) fp++;
            if (!flagged && pair.duplicate) fn++;
            if (check.tier === 'duplicate') pair.duplicate ? blockTp++ : blockFp++;
            if (flagged !== pair.duplicate || (check.tier === 'duplicate' && !pair.duplicate)) {
              errors.push({ pair, tier: check.tier, reasons: check.matches[0]?.reasons ?? [] });
            }
            throw UNDO;
          });
        } catch (e) {
          if (e !== UNDO) throw e;
        }
      }
    });
  } finally {
    await store.close();
  }
  const ratio = (n: number, dd: number) => (dd === 0 ? 1 : n / dd);
  return {
    pairs: pairs.length,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    blockPrecision: ratio(blockTp, blockTp + blockFp),
    blockRecall: ratio(blockTp, positives),
    errors,
  };
}

export function summaryLine(r: EvalResult): string {
  const f = (x: number) => x.toFixed(4);
  return `precision=${f(r.precision)} recall=${f(r.recall)} block_precision=${f(r.blockPrecision)} block_recall=${f(r.blockRecall)} pairs=${r.pairs}`;
}

function printErrors(r: EvalResult): void {
  for (const e of r.errors) process.stdout.write(`${e.pair.duplicate ? 'DUP' : 'NEG'} → ${e.tier}\t${e.pair.a} | ${e.pair.b}\t${e.reasons.join('；')}\n`);
}

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const showErrors = process.argv.includes('--errors');
  if (file) {
    const r = await evaluate(readPairs(file));
    if (showErrors) printErrors(r);
    process.stdout.write(`${summaryLine(r)}\n`);
    return;
  }
  const generated = await evaluate(readPairs(GENERATED_PAIRS));
  if (showErrors) printErrors(generated);
  process.stdout.write(`generated set (pairs.jsonl):        ${summaryLine(generated)}\n`);
  const cores = coreExactRate(readRealNames());
  if (showErrors) for (const m of cores.misses) process.stdout.write(`字号 ${m.name}: marked ${m.want}, read ${m.got}\n`);
  process.stdout.write(`real-name set (real-names.jsonl):   core_exact=${cores.rate.toFixed(4)} (${cores.exact}/${cores.names})\n`);
  const real = await evaluate(readPairs(REAL_PAIRS));
  if (showErrors) printErrors(real);
  process.stdout.write(`real-name pairs (real-pairs.jsonl): ${summaryLine(real)}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
