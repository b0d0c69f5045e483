import { spawn } from 'node:child_process';
import path from 'node:path';
import { AdvisoryLeadership } from '../../src/storage/pg/advisory-leadership';
import { createTestDatabase } from '../support/pg';

const waitFor = async (cond: () => boolean | Promise<boolean>, ms: number) => {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('leadership on PostgreSQL (advisory lock)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(async () => db.drop());

  test('exactly one of three leads; stopping it hands the lead to another', async () => {
    const all = ['a', 'b', 'c'].map((id) => new AdvisoryLeadership({ url: db.url, instanceId: id, pollMs: 100 }));
    await Promise.all(all.map((l) => l.start()));
    await waitFor(() => all.filter((l) => l.isLeader()).length === 1, 2000);
    const leader = all.find((l) => l.isLeader())!;
    expect(await leader.currentLeader()).toBe(leader.instanceId);
    await leader.stop();
    const rest = all.filter((l) => l !== leader);
    await waitFor(() => rest.filter((l) => l.isLeader()).length === 1, 2000);
    expect(await rest[0]!.currentLeader()).toBe(rest.find((l) => l.isLeader())!.instanceId);
    await Promise.all(rest.map((l) => l.stop()));
  });

  test('a leader killed with SIGKILL loses the lead to a running instance within seconds', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'support', 'leader-child.ts'), db.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('leading') && resolve());
      child.once('exit', () => reject(new Error('child exited before leading')));
    });
    const follower = new AdvisoryLeadership({ url: db.url, instanceId: 'follower', pollMs: 200 });
    await follower.start();
    expect(follower.isLeader()).toBe(false);
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await waitFor(() => follower.isLeader(), 30_000);
    const tookMs = Date.now() - killedAt;
    expect(tookMs).toBeLessThan(30_000);
    await follower.stop();
  }, 40_000);
});
