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
  const c = h.domain.deps.db.$client;
  return {
    keys: c.prepare('SELECT key, customer_id, province, industry FROM dedup_keys ORDER BY key, customer_id').all(),
    profiles: c.prepare('SELECT customer_id, profile FROM dedup_profiles ORDER BY customer_id').all(),
  };
}

describe('dedup index (keys + profiles) in the database', () => {
  let h: DomainHarness;
  afterEach(() => h?.close());

  it('finds a customer by name after its identity changed, and no longer by the old one', () => {
    h = startDomain();
    const d = h.domain;
    const alice = d.dir.require('alice');
    const r = h.tx(() => d.register.register(alice, input('杭州云启达科技有限公司')));
    if (r.kind !== 'submitted') throw new Error(r.kind);
    h.tx(() => d.finder.index(r.customer.id, { name: '宁波海晨贸易有限公司', mobile: r.customer.mobile }));
    expect(d.finder.check({ name: '宁波海晨贸易有限公司' }).tier).toBe('duplicate');
    expect(d.finder.check({ name: '杭州云启达科技有限公司' }).tier).toBe('none');
    // Old look-alike keys went too: a one-character variant of the old name finds nothing.
    expect(d.finder.check({ name: '杭州云启迪科技有限公司' }).tier).toBe('none');
  });

  it('flags the same landline as 疑似, with the reason, and lets the user confirm', () => {
    h = startDomain();
    const d = h.domain;
    h.tx(() => d.register.register(d.dir.require('alice'), input('杭州云启达科技有限公司', { landline: '+8657188886666' })));
    const check = d.finder.check({ name: '宁波海晨贸易有限公司', landline: '+8657188886666;ext=801' });
    expect(check.tier).toBe('suspect');
    expect(check.matches[0]?.reasons).toContain('座机号相同');
    const second = h.tx(() => d.register.register(d.dir.require('bob'), input('宁波海晨贸易有限公司', { landline: '+8657188886666' })));
    expect(second.kind).toBe('needs_confirmation');
  });

  it('finds look-alikes within their province and trade only', () => {
    h = startDomain();
    const d = h.domain;
    const alice = d.dir.require('alice');
    h.tx(() => {
      d.register.register(alice, input('杭州云启达科技有限公司'));
      d.register.register(alice, input('南京云启达科技有限公司', { confirmed: true }));
      d.register.register(alice, input('杭州云启达贸易有限公司', { confirmed: true }));
    });
    const check = d.finder.check({ name: '杭州云启迪科技有限公司' });
    expect(check.matches.map((m) => m.customer.name)).toEqual(['杭州云启达科技有限公司']);
  });

  it('finds 字号 that sound alike through their sound key, within province and trade', () => {
    h = startDomain();
    const d = h.domain;
    const alice = d.dir.require('alice');
    h.tx(() => {
      d.register.register(alice, input('杭州云启科技有限公司'));
      d.register.register(alice, input('南京韵奇科技有限公司', { confirmed: true }));
      d.register.register(alice, input('杭州韵奇餐饮管理有限公司', { confirmed: true }));
    });
    for (const name of ['杭州芸启科技有限公司', 'Hangzhou Yunqi Technology Co., Ltd.', '杭州yunqi科技有限公司']) {
      const check = d.finder.check({ name });
      expect([name, check.tier, check.matches.map((m) => m.customer.name)]).toEqual([name, 'suspect', ['杭州云启科技有限公司']]);
    }
    const keys = d.deps.db.$client.prepare("SELECT count(*) AS n FROM dedup_keys WHERE key = 'y:yun qi'").get() as { n: number };
    expect(keys.n).toBe(3);
  });

  it('rebuilds an index of version 2 (without sound keys) at start, after which homophones are found', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-v2-')), 'dg.db');
    h = startDomain({ file });
    h.tx(() => h.domain.register.register(h.domain.dir.require('alice'), input('杭州云启科技有限公司')));
    h.domain.deps.db.$client.exec("DELETE FROM dedup_keys WHERE key LIKE 'y:%'; UPDATE app_meta SET value = '2' WHERE key = 'dedup_index_version';");
    expect(h.domain.finder.check({ name: '杭州芸启科技有限公司' }).tier).toBe('none');
    h.close();
    h = startDomain({ file });
    expect(dedupIndexVersion(h.domain.deps)).toBe(DEDUP_INDEX_VERSION);
    expect(h.domain.finder.check({ name: '杭州芸启科技有限公司' }).tier).toBe('suspect');
  });

  it('finds a two-character 字号 swapped through one sorted key, within province and trade', () => {
    h = startDomain();
    const d = h.domain;
    const alice = d.dir.require('alice');
    h.tx(() => {
      d.register.register(alice, input('杭州云启科技有限公司'));
      d.register.register(alice, input('南京云启科技有限公司', { confirmed: true }));
      d.register.register(alice, input('杭州云启贸易有限公司', { confirmed: true }));
    });
    const check = d.finder.check({ name: '杭州启云科技有限公司' });
    expect([check.tier, check.matches.map((m) => [m.customer.name, m.reasons])]).toEqual(['suspect', [['杭州云启科技有限公司', ['名称高度相似：字号字序颠倒（启云 / 云启）']]]]);
    const keys = d.deps.db.$client.prepare("SELECT count(*) AS n FROM dedup_keys WHERE key = 's:云启'").get() as { n: number };
    expect(keys.n).toBe(3);
  });

  it('rebuilds an index of version 3 (without swap keys) at start, after which a swapped 字号 is found', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-v3-')), 'dg.db');
    h = startDomain({ file });
    h.tx(() => h.domain.register.register(h.domain.dir.require('alice'), input('杭州云启科技有限公司')));
    h.domain.deps.db.$client.exec("DELETE FROM dedup_keys WHERE key = 's:云启'; UPDATE app_meta SET value = '3' WHERE key = 'dedup_index_version';");
    expect(h.domain.finder.check({ name: '杭州启云科技有限公司' }).tier).toBe('none');
    h.close();
    h = startDomain({ file });
    expect(dedupIndexVersion(h.domain.deps)).toBe(4);
    expect(h.domain.finder.check({ name: '杭州启云科技有限公司' }).tier).toBe('suspect');
  });

  it('rebuilds at start when built by other dedup rules, and records the version', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dedup-version-')), 'dg.db');
    h = startDomain({ file });
    const d = h.domain;
    h.tx(() => {
      d.register.register(d.dir.require('alice'), input('杭州云启达科技有限公司', { landline: '+8657188886666' }));
      d.register.register(d.dir.require('bob'), input('（北京）字节跳动科技有限公司', { uscc: '91110000600037341L' }));
    });
    const before = indexState(h);
    expect(before.keys.length).toBeGreaterThan(10);
    expect(dedupIndexVersion(d.deps)).toBe(DEDUP_INDEX_VERSION);

    const c = d.deps.db.$client;
    c.exec("UPDATE app_meta SET value = '1' WHERE key = 'dedup_index_version'; DELETE FROM dedup_keys; DELETE FROM dedup_profiles;");
    h.close();
    const heard: number[] = [];
    h = startDomain({ file, onDedupRebuild: (n) => heard.push(n) });
    expect(heard).toEqual([2]);
    expect(indexState(h)).toEqual(before);
    expect(dedupIndexVersion(h.domain.deps)).toBe(DEDUP_INDEX_VERSION);
  });

  it('writes the version on a new database without announcing a rebuild', () => {
    const heard: number[] = [];
    h = startDomain({ onDedupRebuild: (n) => heard.push(n) });
    expect(heard).toEqual([]);
    expect(dedupIndexVersion(h.domain.deps)).toBe(DEDUP_INDEX_VERSION);
  });

  it('indexes customers added or renamed by another process while a rebuild runs', () => {
    h = startDomain();
    const d = h.domain;
    const alice = d.dir.require('alice');
    h.tx(() => {
      for (let i = 0; i < 12; i++) d.register.register(alice, input(`杭州云启${'甲乙丙丁戊己庚辛壬癸子丑'[i]}科技有限公司`));
    });
    const c = d.deps.db.$client;
    let meddled = false;
    rebuildDedupIndex(d.deps, () => {
      if (meddled) return;
      meddled = true;
      // Between the scan and the swap: a new customer, and a renamed one.
      c.prepare("INSERT INTO customers (name, name_norm, contact_name, mobile, created_at, created_by) VALUES ('宁波海晨贸易有限公司', '宁波海晨贸易有限公司', '王五', '+8613900000001', 0, 'bob')").run();
      c.prepare("UPDATE customers SET name = '温州瓯江电气设备有限公司' WHERE id = 1").run();
    });
    expect(meddled).toBe(true);
    const afterRace = indexState(h);
    rebuildDedupIndex(d.deps);
    expect(afterRace).toEqual(indexState(h));
    expect(d.finder.check({ name: '宁波海晨贸易有限公司' }).tier).toBe('duplicate');
    expect(d.finder.check({ name: '温州瓯江电气设备有限公司' }).tier).toBe('duplicate');
  });

  it('upgrades a database from before profiles: migrations, then a rebuild, and old customers are found', () => {
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

    h = startDomain({ file });
    const check = h.domain.finder.check({ name: '云启达科技（杭州）有限公司' });
    expect(check.tier).toBe('duplicate');
    expect(h.domain.finder.check({ name: '宁波海晨贸易有限公司', mobile: '+8613812345678' }).tier).toBe('duplicate');
    const noRowid = h.domain.deps.db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'dedup_keys'").get() as { sql: string };
    expect(noRowid.sql).toMatch(/WITHOUT ROWID/);
  });
});
