import { eq } from 'drizzle-orm';
import { customers } from '../../../db/schema';
import { DomainError } from '../../../src/domain/errors';
import type { Domain } from '../../../src/domain/domain';
import { authorizationsFeature } from '../../../src/features/authorizations';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';
import { authRow, importRows } from './support';

/** 潘伙伴 works for 杭州云启科技 (demo org: 浙江省, channel manager 陈经理). */
describe('a dealer registers and claims only while authorized, and only in its region', () => {
  let h: DomainHarness;
  beforeEach(async () => {
    h = await startDomain();
    authorizationsFeature.setup!(h.root);
  });
  afterEach(async () => {
    await h.close();
  });

  const register = (who: string, company: string, extra: Parameters<typeof input>[1] = {}) =>
    h.tx(async (d) => await d.register.register(await d.dir.require(who), input(company, extra)));
  const refusal = async (fn: (d: Domain) => Promise<unknown>): Promise<DomainError> => {
    try {
      await h.tx(fn);
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const byPat = (company: string, extra: Parameters<typeof input>[1] = {}) =>
    refusal(async (d) => await d.register.register(await d.dir.require('pat'), input(company, extra)));

  it('with no authorization on file: the org file\'s region applies only when the place is known', async () => {
    expect((await register('pat', '某某测试科技有限公司')).kind).toBe('submitted');
    const e = await byPat('南京恒星科技有限公司');
    expect(e.code).toBe('outside_region');
  });

  it('inside an authorization in force: region from 省/市 or the company name; outside or unknown is refused', async () => {
    await importRows(h.root, [authRow('HT-1', '杭州云启科技', 'carol', '2026-01-01', '2026-12-31', { 授权区域: '杭州市、宁波' })]);
    expect((await register('pat', '杭州星海网络有限公司')).kind).toBe('submitted');
    expect((await register('pat', '某某数据有限公司', { province: '浙江', city: '宁波' })).kind).toBe('submitted');
    const outside = await byPat('温州恒通电子有限公司');
    expect(outside.message).toBe('「温州恒通电子有限公司」在 浙江省温州市，不在「杭州云启科技」的授权区域（浙江省杭州市、浙江省宁波市）内，不能报备。');
    const unknown = await byPat('某某未知科技有限公司');
    expect(unknown.code).toBe('region_unknown');
    expect(unknown.hint).toContain('省=<省份> 市=<城市>');
  });

  it('a lapsed authorization refuses registration and claims, and carries the notice for the channel manager', async () => {
    await importRows(h.root, [authRow('HT-1', '杭州云启科技', 'carol', '2025-01-01', '2025-12-31')]);
    const e = await byPat('杭州星海网络有限公司');
    expect(e.code).toBe('authorization_lapsed');
    expect(e.message).toContain('代理授权已于 2025-12-31 到期（合同 HT-1）');
    expect(e.details?.notices).toEqual([expect.objectContaining({ key: 'authz-lapsed:杭州云启科技:2026-11-25', to: { type: 'staff', id: 'carol' } })]);
  });

  it('claims from the pool: refused outside the region, allowed inside', async () => {
    await importRows(h.root, [authRow('HT-1', '杭州云启科技', 'carol', '2026-01-01', '2026-12-31')]);
    for (const name of ['南京远景科技有限公司', '杭州海潮科技有限公司']) {
      const r = await register('admin', name);
      if (r.kind !== 'submitted') throw new Error('setup');
      await h.tx(async (d) => await d.owner.giveBack(await d.dir.require('admin'), name, '测试'));
    }
    expect((await refusal(async (d) => await d.pool.claim(await d.dir.require('pat'), '南京远景科技有限公司'))).code).toBe('outside_region');
    await h.tx(async (d) => await d.pool.claim(await d.dir.require('pat'), '杭州海潮科技有限公司'));
    expect(h.store.db.select().from(customers).where(eq(customers.name, '杭州海潮科技有限公司')).get()?.status).toBe('protected');
  });

  it('a salesperson is never checked against dealer authorizations', async () => {
    await importRows(h.root, [authRow('HT-1', '杭州云启科技', 'carol', '2025-01-01', '2025-12-31')]);
    expect((await register('alice', '南京恒星科技有限公司')).kind).toBe('submitted');
  });
});
