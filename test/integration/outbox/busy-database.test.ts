import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { inboundEvents, outbox, customers } from '../../../db/schema';
import { SqliteStore } from '../../../src/storage/sqlite/sqlite-store';
import { VirtualClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { seedDemo } from '../../../src/app/seed';
import { createApp } from '../../../src/app/create-app';
import { enqueueNotice } from '../../../src/domain/outbox/notices';
import { ScriptedPlatform } from '../../support/scripted-platform';
import { startConsole } from '../../support/console-harness';
import { startLockHolder } from '../../support/lock-holder';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-busy-')), 'db');

/** What setup opened, closed after each test. */
const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

/** The app over a database file, and a second connection (another process's) that can take its write lock. */
async function setup(opts: { busyTimeoutMs?: number } = {}) {
  const file = tmpFile();
  const store = SqliteStore.open({ file, busyTimeoutMs: opts.busyTimeoutMs ?? 0 });
  const db = store.db;
  const clock = new VirtualClock(new Date('2026-11-25T10:00:00+08:00'));
  const platform = new ScriptedPlatform([], () => clock.now());
  const app = createApp({ store, clock, rules: DEFAULT_RULES, logger: silentLogger(), platforms: [platform], dispatchOnChange: false });
  await app.root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
  await app.start();
  const other = new Database(file);
  other.pragma('busy_timeout = 0');
  const notify = (key: string) =>
    app.root.write((d) => enqueueNotice(d.deps, { key, to: { type: 'staff', id: 'alice' }, payload: { template: 'handover.done', params: { from: 'alice', to: 'bob', actor: 'carol', moved: 1, released: 0, withdrawn: 0, keptWon: 0 } } }));
  const row = () => db.select().from(outbox).get()!;
  opened.push(async () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    await app.stop();
    await store.close();
  });
  return { file, store, db, clock, platform, app, other, notify, row };
}

describe('the outbox while another process holds the write lock', () => {
  it('never sends a notice twice when its mark cannot be written after the send', async () => {
    const s = await setup();
    await s.notify('busy:1');
    // The lock is taken while the platform handles the send, and held past the dispatcher's retries.
    const send = s.platform.send.bind(s.platform);
    s.platform.send = async (d) => {
      s.other.exec('BEGIN IMMEDIATE');
      return send(d);
    };
    await expect(s.app.dispatcher.runOnce()).resolves.toMatchObject({ sent: 1 });
    expect(s.row()).toMatchObject({ status: 'sending', sentAt: null });
    expect(s.app.dispatcher.unsettledCount()).toBe(1);
    // Still locked, and long after the lease: this process's own claim is not taken back.
    s.clock.advance(3_600_000);
    await s.app.dispatcher.runOnce();
    expect(s.platform.attempts).toHaveLength(1);
    s.other.exec('COMMIT');
    await s.app.dispatcher.runOnce();
    expect(s.row()).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(s.app.dispatcher.unsettledCount()).toBe(0);
    await s.app.scheduler.advanceTo(s.clock, new Date(s.clock.now().getTime() + 86_400_000));
    expect(s.platform.attempts).toHaveLength(1);
  }, 30_000);

  it('retries a notice whose compose met the lock, instead of marking it dead', async () => {
    const s = await setup({ busyTimeoutMs: 200 });
    const root = s.app.root;
    const reg = await root.write(async (d) => d.register.register(await d.dir.require('alice'), { company: '杭州云启科技有限公司', contactName: '张伟', mobile: '13812345678' }));
    if (reg.kind !== 'submitted') throw new Error(reg.kind);
    const step = (await root.read((d) => d.approvals.steps(reg.approval!.id)))[0]!;
    await root.write((d) => d.approvals.decide(step.id, 'carol', 'approved'));
    await s.app.dispatcher.runOnce();
    const sentBefore = s.platform.attempts.length;
    await root.write((d) =>
      enqueueNotice(d.deps, { key: 'busy:reminder', to: { type: 'staff', id: 'alice' }, batchKey: 'sweep:test', payload: { template: 'protection.no_follow_up', params: { registrationId: reg.registration.id } } }),
    );
    const reminder = () => s.db.select().from(outbox).where(eq(outbox.dedupKey, 'busy:reminder>staff:alice')).get()!;
    // Composing a reminder writes its card: the lock outlasts that write's wait (200 ms), not the next one's.
    const holder = await startLockHolder(s.file);
    await holder.hold(300);
    await s.app.dispatcher.runOnce();
    await holder.stop();
    expect(reminder()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(reminder().lastError).toContain('数据库忙');
    expect(s.db.select().from(outbox).all().filter((r) => r.payload.template === 'delivery.failed')).toHaveLength(0);
    await s.app.scheduler.advanceTo(s.clock, new Date(s.clock.now().getTime() + 60_000));
    expect(s.platform.attempts.length - sentBefore).toBe(1);
    expect(reminder()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('after a pass that met the lock, lets a second of commands go first before the next pass', async () => {
    const s = await setup();
    await s.notify('busy:4');
    s.other.exec('BEGIN IMMEDIATE');
    await s.app.dispatcher.runOnce();
    s.other.exec('COMMIT');
    expect(s.platform.attempts).toHaveLength(0);
    s.app.dispatcher.kick();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.platform.attempts).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1200));
    expect(s.platform.attempts).toHaveLength(1);
    expect(s.row()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends again a notice claimed by a process that died, once its lease has expired', async () => {
    const s = await setup();
    await s.notify('busy:3');
    const claimedAt = s.clock.now();
    s.db.update(outbox).set({ status: 'sending', claimId: 'gone:1', claimedAt }).run();
    await s.app.dispatcher.runOnce();
    await s.app.scheduler.advanceTo(s.clock, new Date(claimedAt.getTime() + 299_000));
    expect(s.platform.attempts).toHaveLength(0);
    await s.app.scheduler.advanceTo(s.clock, new Date(claimedAt.getTime() + 600_000));
    expect(s.platform.attempts.map((a) => a.at)).toEqual([new Date(claimedAt.getTime() + DEFAULT_RULES.delivery.claimLeaseSeconds * 1000)]);
    expect(s.row()).toMatchObject({ status: 'sent' });
  });

  it('answers a command or a card click that cannot get the lock with 系统繁忙, leaving no trace, and the retyped one works', async () => {
    const file = tmpFile();
    const h = await startConsole({ file, busyTimeoutMs: 0 });
    const other = new Database(file);
    const events = () => h.db.select().from(inboundEvents).all().length;
    const before = events();
    other.exec('BEGIN IMMEDIATE');
    const busy = await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
    other.exec('ROLLBACK');
    expect(busy).toContain('⏳ 系统繁忙，请稍后再试（本次操作没有生效）。');
    expect(busy).not.toContain('😵');
    expect(h.db.select().from(customers).all()).toHaveLength(0);
    expect(events()).toBe(before);
    const again = await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
    expect(again).toContain('已提交报备「杭州云启科技有限公司」');
    expect(h.db.select().from(customers).where(eq(customers.name, '杭州云启科技有限公司')).all()).toHaveLength(1);
    // A card click too: refused whole, and the approval still waits for the click that works.
    other.exec('BEGIN IMMEDIATE');
    const busyClick = await h.run(':as carol\n:in 私聊\n:click c1 approve');
    other.exec('ROLLBACK');
    expect(busyClick).toContain('⏳ 系统繁忙，请稍后再试（本次操作没有生效）。');
    expect(await h.app.root.read((d) => d.approvals.pendingFor('carol'))).toHaveLength(1);
    expect(await h.run(':as carol\n:in 私聊\n:click c1 approve')).toContain('已通过');
    other.close();
    await h.close();
  });

  it('answers a file upload that cannot get the lock with 系统繁忙, and the same file sent again is imported', async () => {
    const file = tmpFile();
    const h = await startConsole({ file, busyTimeoutMs: 0 });
    const other = new Database(file);
    const upload = (messageId: string) =>
      h.app.bot.onMessage({
        platform: 'console',
        messageId,
        senderPlatformId: 'admin',
        chat: { platform: 'console', chatId: 'admin', kind: 'private' },
        text: '',
        mentions: [],
        file: { name: '人员.csv', download: async () => Buffer.from('账号ID*,姓名*,角色*\nzhou,周销售,销售\n', 'utf8') },
      });
    other.exec('BEGIN IMMEDIATE');
    const busy = await upload('up-1');
    other.exec('ROLLBACK');
    expect(busy.replies.map((r) => r.text).join('\n')).toContain('⏳ 系统繁忙，导入没有完成');
    expect(h.db.select().from(inboundEvents).all().map((e) => e.eventId)).not.toContain('up-1');
    const again = await upload('up-2');
    expect(again.replies.map((r) => r.text).join('\n')).not.toMatch(/系统繁忙|😵/);
    other.close();
    await h.close();
  });
});
