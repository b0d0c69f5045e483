// npm run dedup-eval -- <pairs.jsonl>
// For every pair: registers `a` in a fresh database (a transaction rolled back after the pair, so
// each pair starts from nothing), checks `b` exactly as /查重 does (keys → index → compare), and
// counts. Last line: precision=… recall=… block_precision=… block_recall=… pairs=…
import fs from 'node:fs';
import { z } from 'zod';
import { openDb } from '../db/open';
import { VirtualClock } from '../src/clock/clock';
import { DEFAULT_RULES } from '../src/domain/rules';
import { domainDeps } from '../src/domain/deps';
import { createDomain } from '../src/domain/domain';
import { seedDemo } from '../src/app/seed';
import { checkUscc, normalizeMobile } from '../src/domain/dedup';

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

export function evaluate(pairs: Pair[]): EvalResult {
  const db = openDb({ file: ':memory:' });
  const deps = domainDeps(db, new VirtualClock(new Date('2026-11-25T10:00:00+08:00')), DEFAULT_RULES);
  seedDemo(deps, { onlyIfEmpty: true });
  const d = createDomain(deps);
  const admin = d.dir.require('admin');
  let tp = 0, fp = 0, fn = 0, blockTp = 0, blockFp = 0, positives = 0;
  const errors: EvalResult['errors'] = [];
  const client = db.$client;
  pairs.forEach((pair, i) => {
    client.exec('BEGIN');
    try {
      // `a` gets a phone of its own when the pair gives none: the registration requires one.
      const aMobile = validMobile(pair.aPhone) ?? `+86139${String(10_000_000 + i).slice(-8)}`;
      const aUscc = validUscc(pair.aUscc);
      const r = d.register.register(admin, { company: pair.a, contactName: '测试', mobile: aMobile, ...(aUscc ? { uscc: aUscc, usccChecksumOk: checkUscc(aUscc).checksum === 'ok' } : {}), confirmed: true });
      if (r.kind !== 'submitted') throw new Error(`could not register a: ${pair.a}`);
      const check = d.finder.check({ name: pair.b, mobile: validMobile(pair.bPhone) ?? null, uscc: validUscc(pair.bUscc) ?? null });
      const flagged = check.tier !== 'none';
      if (pair.duplicate) positives++;
      if (flagged && pair.duplicate) tp++;
      if (flagged && !pair.duplicate) fp++;
      if (!flagged && pair.duplicate) fn++;
      if (check.tier === 'duplicate') pair.duplicate ? blockTp++ : blockFp++;
      if (flagged !== pair.duplicate || (check.tier === 'duplicate' && !pair.duplicate)) {
        errors.push({ pair, tier: check.tier, reasons: check.matches[0]?.reasons ?? [] });
      }
    } finally {
      client.exec('ROLLBACK');
    }
  });
  client.close();
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

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('用法：npm run dedup-eval -- <pairs.jsonl> [--errors]\n');
    process.exit(2);
  }
  const r = evaluate(readPairs(file));
  if (process.argv.includes('--errors')) {
    for (const e of r.errors) process.stdout.write(`${e.pair.duplicate ? 'DUP' : 'NEG'} → ${e.tier}\t${e.pair.a} | ${e.pair.b}\t${e.reasons.join('；')}\n`);
  }
  process.stdout.write(`${summaryLine(r)}\n`);
}
