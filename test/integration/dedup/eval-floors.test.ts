import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate, readPairs, summaryLine } from '../../../scripts/dedup-eval';

const FIXTURE = path.join(__dirname, '../../fixtures/dedup/pairs.jsonl');

describe('dedup evaluation through the database (register a, check b)', () => {
  const r = evaluate(readPairs(FIXTURE));

  it('holds the floors on the labelled set', () => {
    // 1,021 pairs since two-character 字号 swapped are 疑似 (the 27 different companies of that
    // shape moved to related-pairs.jsonl, 10 swapped positives added): precision 0.9194, recall 1.0000.
    expect(r.pairs).toBeGreaterThanOrEqual(1000);
    expect(r.blockPrecision).toBeGreaterThanOrEqual(0.995);
    expect(r.recall).toBeGreaterThanOrEqual(0.99);
    expect(r.precision).toBeGreaterThanOrEqual(0.91);
  });

  it('prints the summary as its last line, ignoring extra fields, from the npm script', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-eval-'));
    const file = path.join(dir, 'p.jsonl');
    fs.writeFileSync(
      file,
      [
        { a: '北京字节跳动科技有限公司', b: '字节跳动（北京）科技有限公司', duplicate: true, note: 'ignored' },
        { a: '北京华联商厦有限公司', b: '上海联华商厦有限公司', duplicate: false, kind: 'x' },
        { a: '杭州云启科技有限公司', aPhone: '13812345678', b: '某某公司', bPhone: '+86 138-1234-5678', duplicate: true },
      ].map((p) => JSON.stringify(p)).join('\n'),
    );
    const out = execFileSync(path.join(process.cwd(), 'node_modules/.bin/tsx'), ['scripts/dedup-eval.ts', file], { encoding: 'utf8' });
    const last = out.trim().split('\n').pop()!;
    expect(last).toBe('precision=1.0000 recall=1.0000 block_precision=1.0000 block_recall=1.0000 pairs=3');
    expect(summaryLine(r)).toMatch(/^precision=\d\.\d{4} recall=\d\.\d{4} block_precision=\d\.\d{4} block_recall=\d\.\d{4} pairs=\d+$/);
  });
});
