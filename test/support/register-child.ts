// A separate process that registers one customer on a shared database file. It says "ready" when
// loaded and registers when the parent writes "go", so all of them start at the same moment.
// argv = dbFile staffId
import { openDb, writeTx } from '../../db/open';
import { VirtualClock } from '../../src/clock/clock';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { domainDeps } from '../../src/domain/deps';
import { createDomain } from '../../src/domain/domain';
import { DomainError } from '../../src/domain/errors';

const [file, staffId] = process.argv.slice(2) as [string, string];
const db = openDb({ file, migrate: false, busyTimeoutMs: 30_000 });
const domain = createDomain(domainDeps(db, new VirtualClock(new Date('2026-11-25T10:00:00+08:00')), DEFAULT_RULES));
const actor = domain.dir.require(staffId);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  let result: string;
  try {
    const r = writeTx(db, () => domain.register.register(actor, { company: '杭州云启科技有限公司', contactName: '张伟', mobile: '+8613812345678' }));
    result = r.kind === 'blocked' ? `blocked:${r.holder.ownerId}` : r.kind;
  } catch (e) {
    result = e instanceof DomainError ? `refused:${e.code}` : `error:${(e as Error).message}`;
  }
  process.stdout.write(`${JSON.stringify({ staffId, result })}\n`);
  db.$client.close();
  process.exit(0);
});
