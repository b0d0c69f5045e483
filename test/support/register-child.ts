// A separate process that registers one customer on a shared database file. It says "ready" when
// loaded and registers when the parent writes "go", so all of them start at the same moment.
// argv = dbFile staffId
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { VirtualClock } from '../../src/clock/clock';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { domainEnv } from '../../src/domain/deps';
import { DomainRoot } from '../../src/domain/domain';
import { DomainError } from '../../src/domain/errors';

const [file, staffId] = process.argv.slice(2) as [string, string];
const store = SqliteStore.open({ file, migrate: false, busyTimeoutMs: 30_000 });
const root = new DomainRoot(domainEnv(store, new VirtualClock(new Date('2026-11-25T10:00:00+08:00')), DEFAULT_RULES));

async function main(): Promise<void> {
  await root.prepare();
  const actor = await root.read((d) => d.dir.require(staffId));
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  let result: string;
  try {
    const r = await root.write((d) => d.register.register(actor, { company: '杭州云启科技有限公司', contactName: '张伟', mobile: '+8613812345678' }));
    result = r.kind === 'blocked' ? `blocked:${r.holder.ownerId}` : r.kind;
  } catch (e) {
    result = e instanceof DomainError ? `refused:${e.code}` : `error:${(e as Error).message}`;
  }
  process.stdout.write(`${JSON.stringify({ staffId, result })}\n`);
  await store.close();
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
