import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../../../db/open';
import { DEDUP_INDEX_VERSION } from '../../../src/domain/dedup';
import { dedupIndexVersion, rebuildDedupIndex } from '../../../src/domain/registration/rebuild-dedup-index';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';

/** Both index tables, in a stable order: what a rebuild from scratch must reproduce exactly. */
function indexState(h: DomainHarness) {
  const c = h.store.db.$client;
  return {
    keys: c.prepare('SELECT key, customer_id, province, industry FROM dedup_keys ORDER BY key, customer_id').all(),
    profiles: c.prepare('SELECT customer_id, profile FROM dedup_profiles ORDER BY customer_id').all(),
  };
}

const tierOf = (h: DomainHarness, name: string, more: { mobile?: string; landline?: string } = {}) => h.read(async (d) => (await d.finder.check({ name, ...more })).tier);
const versionOf = (h: DomainHarness) => h.read((d) => dedupIndexVersion(d.deps));

describe('dedup index (keys + profiles) in the database', () => {
  let h: DomainHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('finds a customer by name after its identity changed, and no longer by the old one', async () => {
    h = await startDomain();
    const r = await h.tx(async (d) => d.register.register(await d.dir.require('alice'), input('杭州云启达科技有限公司')));
    if (r.kind !== 'submitted') throw new Error(r.kind);
    await h.tx((d) => d.finder.index(r.customer.id, { name: '宁波海晨贸易有限公司', mobile: r.customer.mobile }));
    expect(await tierOf(h, '宁波海晨贸易有限公司')).toBe('duplicate');
    expect(await tierOf(h, '杭州云启达科技有限公司')).toBe('none');
    // Old look-alike keys went too: a one-character variant of the old name finds nothing.
    expect(await tierOf(h, '杭州云启迪科技有限公司')).toBe('none');
  });

  it('flags the same landline as 疑似, with the reason, and lets the user confirm', async () => {
    h = await startDomain();
    await h.tx(async (d) => d.register.register(await d.dir.require('alice'), input('杭州云启达科技有限公司', { landline: '+8657188886666' })));
    const check = await h.read((d) => d.finder.check({ name: '宁波海晨贸易有限公司', landline: '+8657188886666;ext=801' }));
    expect(check.tier).toBe('suspect');
    expect(check.matches[0]?.reasons).toContain('座机号相同');
    const second = await h.tx(async (d) => d.register.register(await d.dir.require('bob'), input('宁波海晨贸易有限公司', { landline: '+8657188886666' })));
    expect(second.kind).toBe('needs_confirmation');
  });

  it('finds look-alikes within their province and trade only', async () => {
    h = await startDomain();
    await h.tx(async (d) => {
      const alice = await d.dir.require('alice');
      await d.register.register(alice, input('杭州云启达科技有限公司'));
      await d.register.register(alice, input('南京云启达科技有限公司', { confirmed: true }));
      await d.register.register(alice, input('杭州云启达贸易有限公司', { confirmed: true }));
    });
    const check = await h.read((d) => d.finder.check({ name: '杭州云启迪科技有限公司' }));
    expect(check.matches.map((m) => m.customer.name)).toEqual(['杭州云启达科技有限公司']);
  });

  it('finds 字号 that sound alike through their sound key, within province and trade', async () => {
    h = await startDomain();
    await h.tx(async (d) => {
      const alice = await d.dir.require('alice');
      await d.register.register(alice, input('杭州云启科技有限公司'));
      await d.register.register(alice, input('南京韵奇科技有限公司', { confirmed: true }));
      await d.register.register(alice, input('杭州韵奇餐饮管理有限公司', { confirmed: true }));
    });
    for (const name of ['杭州芸启科技有限公司', 'Hangzhou Yunqi Technology Co., Ltd.', '杭州yunqi科技有限公司']) {
      const check = await h.read((d) => d.finder.check({ name }));
      expect([name, check.tier, check.matches.map((m) => m.customer.name)]).toEqual([name, 'suspect', ['杭州云启科技有限公司']]);
    }
    const keys = h.store.db.$client.prepare("SELECT count(*) AS n FROM dedup_keys WHERE key = 'y:yun qi'").get() as { n: number };
    expect(keys.n).toBe(3);
  });

  it('rebuilds an index of version 2 (without sound keys) at start, after which homophones are found', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-v2-')), 'dg.db');
    h = await startDomain({ file });
    await h.tx(async (d) => d.register.register(await d.dir.require('alice'), input('杭州云启科技有限公司')));
    h.store.db.$client.exec("DELETE FROM dedup_keys WHERE key LIKE 'y:%'; UPDATE app_meta SET value = '2' WHERE key = 'dedup_index_version';");
    expect(await tierOf(h, '杭州芸启科技有限公司')).toBe('none');
    await h.close();
    h = await startDomain({ file });
    expect(await versionOf(h)).toBe(DEDUP_INDEX_VERSION);
    expect(await tierOf(h, '杭州芸启科技有限公司')).toBe('suspect');
  });

  it('finds a two-character 字号 swapped through one sorted key, within province and trade', async () => {
    h = await startDomain();
    await h.tx(async (d) => {
      const alice = await d.dir.require('alice');
      await d.register.register(alice, input('杭州云启科技有限公司'));
      await d.register.register(alice, input('南京云启科技有限公司', { confirmed: true }));
      await d.register.register(alice, input('杭州云启贸易有限公司', { confirmed: true }));
    });
    const check = await h.read((d) => d.finder.check({ name: '杭州启云科技有限公司' }));
    expect([check.tier, check.matches.map((m) => [m.customer.name, m.reasons])]).toEqual(['suspect', [['杭州云启科技有限公司', ['名称高度相似：字号字序颠倒（启云 / 云启）']]]]);
    const keys = h.store.db.$client.prepare("SELECT count(*) AS n FROM dedup_keys WHERE key = 's:云启'").get() as { n: number };
    expect(keys.n).toBe(3);
  });

  it('rebuilds an index of version 3 (without swap keys) at start, after which a swapped 字号 is found', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-v3-')), 'dg.db');
    h = await startDomain({ file });
    await h.tx(async (d) => d.register.register(await d.dir.require('alice'), input('杭州云启科技有限公司')));
    h.store.db.$client.exec("DELETE FROM dedup_keys WHERE key = 's:云启'; UPDATE app_meta SET value = '3' WHERE key = 'dedup_index_version';");
    expect(await tierOf(h, '杭州启云科技有限公司')).toBe('none');
    await h.close();
    h = await startDomain({ file });
    expect(await versionOf(h)).toBe(DEDUP_INDEX_VERSION);
    expect(await tierOf(h, '杭州启云科技有限公司')).toBe('suspect');
  });

  it('rebuilds an index of version 4 (parser before the trade vocabulary) at start: a 字号 without its trade words is found', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-v4-')), 'dg.db');
    h = await startDomain({ file });
    await h.tx(async (d) => d.register.register(await d.dir.require('alice'), input('浙江绿星园林景观工程有限公司')));
    // What version 4 stored: the 字号 with its trade words (绿星园林景观), nothing under 绿星.
    h.store.db.$client.exec("DELETE FROM dedup_keys WHERE key LIKE 'n:绿星|%' OR key LIKE 's:%' OR key LIKE 'y:%'; INSERT INTO dedup_keys (key, customer_id, province, industry) SELECT 'n:绿星园林景观|工程|33', customer_id, 0, 0 FROM dedup_profiles; UPDATE app_meta SET value = '4' WHERE key = 'dedup_index_version';");
    expect(await tierOf(h, '浙江绿星有限公司')).toBe('none');
    await h.close();
    h = await startDomain({ file });
    expect(await versionOf(h)).toBe(DEDUP_INDEX_VERSION);
    expect(await tierOf(h, '浙江绿星有限公司')).toBe('suspect');
  });

  it('rebuilds at start when built by other dedup rules, and records the version', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-version-')), 'dg.db');
    h = await startDomain({ file });
    await h.tx(async (d) => {
      await d.register.register(await d.dir.require('alice'), input('杭州云启达科技有限公司', { landline: '+8657188886666' }));
      await d.register.register(await d.dir.require('bob'), input('（北京）字节跳动科技有限公司', { uscc: '91110000600037341L' }));
    });
    const before = indexState(h);
    expect(before.keys.length).toBeGreaterThan(10);
    expect(await versionOf(h)).toBe(DEDUP_INDEX_VERSION);

    const c = h.store.db.$client;
    c.exec("UPDATE app_meta SET value = '1' WHERE key = 'dedup_index_version'; DELETE FROM dedup_keys; DELETE FROM dedup_profiles;");
    await h.close();
    const heard: number[] = [];
    h = await startDomain({ file, onDedupRebuild: (n) => heard.push(n) });
    expect(heard).toEqual([2]);
    expect(indexState(h)).toEqual(before);
    expect(await versionOf(h)).toBe(DEDUP_INDEX_VERSION);
  });

  it('writes the version on a new database without announcing a rebuild', async () => {
    const heard: number[] = [];
    h = await startDomain({ onDedupRebuild: (n) => heard.push(n) });
    expect(heard).toEqual([]);
    expect(await versionOf(h)).toBe(DEDUP_INDEX_VERSION);
  });

  it('indexes customers added or renamed by another process while a rebuild runs', async () => {
    h = await startDomain();
    await h.tx(async (d) => {
      const alice = await d.dir.require('alice');
      for (let i = 0; i < 12; i++) await d.register.register(alice, input(`杭州云启${'甲乙丙丁戊己庚辛壬癸子丑'[i]}科技有限公司`));
    });
    const c = h.store.db.$client;
    let meddled = false;
    await rebuildDedupIndex(h.root.env, () => {
      if (meddled) return;
      meddled = true;
      // Between the scan and the swap: a new customer, and a renamed one.
      c.prepare("INSERT INTO customers (name, name_norm, contact_name, mobile, created_at, created_by) VALUES ('宁波海晨贸易有限公司', '宁波海晨贸易有限公司', '王五', '+8613900000001', 0, 'bob')").run();
      c.prepare("UPDATE customers SET name = '温州瓯江电气设备有限公司' WHERE id = 1").run();
    });
    expect(meddled).toBe(true);
    const afterRace = indexState(h);
    await rebuildDedupIndex(h.root.env);
    expect(afterRace).toEqual(indexState(h));
    expect(await tierOf(h, '宁波海晨贸易有限公司')).toBe('duplicate');
    expect(await tierOf(h, '温州瓯江电气设备有限公司')).toBe('duplicate');
  });

  it('upgrades a database from before profiles: migrations, then a rebuild, and old customers are found', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-upgrade-'));
    const file = path.join(dir, 'old.db');
    // The first migration alone, as an install of the previous release had it.
    const first = path.join(dir, 'migrations');
    fs.mkdirSync(path.join(first, 'meta'), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    fs.writeFileSync(path.join(first, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
    fs.copyFileSync(path.join(MIGRATIONS_DIR, `${journal.entries[0]!.tag}.sql`), path.join(first, `${journal.entries[0]!.tag}.sql`));
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: first });
    old.prepare("INSERT INTO customers (name, name_norm, contact_name, mobile, status, created_at, created_by) VALUES ('杭州云启达科技有限公司', '杭州云启达科技有限公司', '张伟', '+8613812345678', 'free', 0, 'alice')").run();
    old.prepare("INSERT INTO dedup_keys (key, customer_id) VALUES ('c:云启达', 1), ('m:+8613812345678', 1)").run();
    old.close();

    h = await startDomain({ file });
    expect(await tierOf(h, '云启达科技（杭州）有限公司')).toBe('duplicate');
    expect(await tierOf(h, '宁波海晨贸易有限公司', { mobile: '+8613812345678' })).toBe('duplicate');
    const noRowid = h.store.db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'dedup_keys'").get() as { sql: string };
    expect(noRowid.sql).toMatch(/WITHOUT ROWID/);
  });
});
