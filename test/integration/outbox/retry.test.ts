import { outbox } from '../../../db/schema';
import { SqliteStore } from '../../../src/storage/sqlite/sqlite-store';
import { VirtualClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { seedDemo } from '../../../src/app/seed';
import { createApp } from '../../../src/app/create-app';
import { enqueueNotice } from '../../../src/domain/outbox/notices';
import { ScriptedPlatform, type Outcome } from '../../support/scripted-platform';

async function setup(script: Outcome[]) {
  const store = SqliteStore.open({ file: ':memory:' });
  const db = store.db;
  const clock = new VirtualClock(new Date('2026-11-25T10:00:00+08:00'));
  const platform = new ScriptedPlatform(script, () => clock.now());
  const app = createApp({ store, clock, rules: DEFAULT_RULES, logger: silentLogger(), platforms: [platform], dispatchOnChange: false });
  await app.root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
  await app.start();
  const notify = (key: string, to = 'alice') =>
    app.root.write((d) => enqueueNotice(d.deps, { key, to: { type: 'staff', id: to }, payload: { template: 'handover.done', params: { from: 'alice', to: 'bob', actor: 'carol', moved: 1, released: 0, withdrawn: 0, keptWon: 0 } } }));
  return { store, db, clock, platform, app, notify };
}

describe('dispatcher retries', () => {
  it('retries a failed send with growing back-off and delivers it exactly once', async () => {
    const s = await setup(['retry', 'retry', 'retry', 'ok']);
    await s.notify('test:1');
    await s.app.dispatcher.runOnce();
    await s.app.scheduler.advanceTo(s.clock, new Date(s.clock.now().getTime() + 3_600_000));
    const tries = s.platform.attempts.map((a) => (a.at.getTime() - s.platform.attempts[0]!.at.getTime()) / 1000);
    expect(tries).toEqual([0, 30, 90, 210]);
    expect(s.platform.attempts.filter((a) => a.outcome === 'ok')).toHaveLength(1);
    const row = s.db.select().from(outbox).get()!;
    expect(row).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
  });

  it('waits as long as a rate limit asks', async () => {
    const s = await setup(['rate-limit', 'ok']);
    await s.notify('test:2');
    await s.app.dispatcher.runOnce();
    await s.app.scheduler.advanceTo(s.clock, new Date(s.clock.now().getTime() + 3_600_000));
    expect((s.platform.attempts[1]!.at.getTime() - s.platform.attempts[0]!.at.getTime()) / 60_000).toBe(10);
  });

  it('never gives up on a retryable failure, and caps the wait at the configured maximum', async () => {
    const s = await setup(Array<Outcome>(15).fill('retry'));
    await s.notify('test:3');
    await s.app.dispatcher.runOnce();
    await s.app.scheduler.advanceTo(s.clock, new Date(s.clock.now().getTime() + 2 * 86_400_000));
    const gaps = s.platform.attempts.slice(1).map((a, i) => (a.at.getTime() - s.platform.attempts[i]!.at.getTime()) / 1000);
    expect(Math.max(...gaps)).toBe(DEFAULT_RULES.delivery.retryMaxSeconds);
    expect(s.platform.attempts.at(-1)!.outcome).toBe('ok');
    expect(s.db.select().from(outbox).get()!.status).toBe('sent');
  });

  it('marks a send that can never succeed as dead and tells the admins', async () => {
    const s = await setup(['gone', 'ok']);
    await s.notify('test:4', 'bob');
    await s.app.dispatcher.runOnce();
    await s.app.dispatcher.runOnce();
    const rows = s.db.select().from(outbox).all();
    expect(rows.find((r) => r.recipientId === 'bob')).toMatchObject({ status: 'dead', lastError: '用户已离职' });
    const report = rows.find((r) => r.recipientId === 'admin')!;
    expect(report.status).toBe('sent');
    expect(s.platform.attempts[1]!.delivery.message.text).toContain('有一条消息无法送达 韩梅梅');
  });

  it('holds pushes in quiet hours and sends them at 08:30', async () => {
    const s = await setup([]);
    s.clock.set(new Date('2026-11-25T23:00:00+08:00'));
    await s.notify('test:5');
    await s.app.dispatcher.runOnce();
    expect(s.platform.attempts).toHaveLength(0);
    await s.app.scheduler.advanceTo(s.clock, new Date('2026-11-26T09:00:00+08:00'));
    expect(s.platform.attempts[0]!.at).toEqual(new Date('2026-11-26T08:30:00+08:00'));
  });
});
