// One measured step of the authorization benchmark, in a process of its own so that its peak
// resident memory is its own. Prints one JSON line.
//   gen <file> <rows> | import <file> <db> | setup <db> <authorizations> <customers> | sweep <db>
import { performance } from 'node:perf_hooks';
import { releaseExpired, remindProtections } from '../../../src/domain/sweep/protection-sweep';
import { authorizationsFeature } from '../../../src/features/authorizations';
import { readWorkbook } from '../../../src/import/read-sheet';
import { importAuthorizations } from '../../../src/import/authorization-import';
import { writeAuthorizationFile } from './data';
import { rebuildDedupIndex } from '../../../src/domain/registration/rebuild-dedup-index';
import { benchDb, BENCH_NOW, insertAuthorizations, insertCustomers } from './setup';

const secs = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<Record<string, unknown>> {
  const [step, a, b, c] = process.argv.slice(2) as [string, string, string, string];
  if (step === 'gen') {
    const t0 = performance.now();
    await writeAuthorizationFile(a, Number(b), BENCH_NOW);
    return { s: secs(t0) };
  }
  if (step === 'import') {
    const { root, store } = await benchDb(b);
    const t0 = performance.now();
    const sheets = await readWorkbook(a);
    const read = secs(t0);
    const r = await importAuthorizations(root, sheets, { allOrNothing: false, actorId: 'bench' });
    const total = secs(t0);
    await store.close();
    return { read, import: Number((total - read).toFixed(2)), total, created: r.counts['新增'], errors: r.errors.length, maxRssMb: rssMb() };
  }
  if (step === 'setup') {
    const { db, root, store } = await benchDb(a);
    const t0 = performance.now();
    insertAuthorizations(db, Number(b));
    insertCustomers(db, Number(c));
    // As a database that has run for years has it: otherwise the sweep step's start would build it.
    await rebuildDedupIndex(root.env);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    return { s: secs(t0) };
  }
  if (step === 'sweep') {
    const { db, root, store, clock } = await benchDb(a);
    // As the app starts: the dedup index is checked before the first unit of work.
    await root.prepare();
    const jobs = authorizationsFeature.setup!(root);
    const day = async (label: string) => {
      const key = `sweep:${clock.now().toISOString()}`;
      const t0 = performance.now();
      const released = await releaseExpired(root);
      const reminded = await remindProtections(root, key);
      const core = secs(t0);
      const t1 = performance.now();
      const before = db.$client.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
      await root.write((d) => jobs.daily!(d, key));
      const authz = secs(t1);
      const after = db.$client.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
      return { [label]: { total: secs(t0), core, authorizations: authz, released, ...reminded, renewalNotices: after.n - before.n } };
    };
    const first = await day('firstDay');
    clock.advance(86_400_000);
    const next = await day('nextDay');
    await store.close();
    return { ...first, ...next, maxRssMb: rssMb() };
  }
  throw new Error(`unknown step ${step}`);
}

main()
  .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
