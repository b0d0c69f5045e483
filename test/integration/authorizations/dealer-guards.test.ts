import { eq } from 'drizzle-orm';
import { customers } from '../../../db/schema';
import { DomainError } from '../../../src/domain/errors';
import { authorizationsFeature } from '../../../src/features/authorizations';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';
import { authRow, importRows } from './support';

/** 潘伙伴 works for 杭州云启科技 (demo org: 浙江省, channel manager 陈经理). */
describe('a dealer registers and claims only while authorized, and only in its region', () => {
  let h: DomainHarness;
  beforeEach(() => {
    h = startDomain();
    authorizationsFeature.setup!(h.domain);
  });
  afterEach(() => h.close());

  const pat = () => h.domain.dir.require('pat');
  const refusal = (fn: () => unknown): DomainError => {
    try {
      h.tx(fn);
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };

  it('with no authorization on file: the org file\'s region applies only when the place is known', () => {
    expect(h.tx(() => h.domain.register.register(pat(), input('某某测试科技有限公司'))).kind).toBe('submitted');
    const e = refusal(() => h.domain.register.register(pat(), input('南京恒星科技有限公司')));
    expect(e.code).toBe('outside_region');
  });

  it('inside an authorization in force: region from 省/市 or the company name; outside or unknown is refused', () => {
    importRows(h.domain, [authRow('HT-1', '杭州云启科技', 'carol', '2026-01-01', '2026-12-31', { 授权区域: '杭州市、宁波' })]);
    expect(h.tx(() => h.domain.register.register(pat(), input('杭州星海网络有限公司'))).kind).toBe('submitted');
    expect(h.tx(() => h.domain.register.register(pat(), input('某某数据有限公司', { province: '浙江', city: '宁波' }))).kind).toBe('submitted');
    const outside = refusal(() => h.domain.register.register(pat(), input('温州恒通电子有限公司')));
    expect(outside.message).toBe('「温州恒通电子有限公司」在 浙江省温州市，不在「杭州云启科技」的授权区域（浙江省杭州市、浙江省宁波市）内，不能报备。');
    const unknown = refusal(() => h.domain.register.register(pat(), input('某某未知科技有限公司')));
    expect(unknown.code).toBe('region_unknown');
    expect(unknown.hint).toContain('省=<省份> 市=<城市>');
  });

  it('a lapsed authorization refuses registration and claims, and carries the notice for the channel manager', () => {
    importRows(h.domain, [authRow('HT-1', '杭州云启科技', 'carol', '2025-01-01', '2025-12-31')]);
    const e = refusal(() => h.domain.register.register(pat(), input('杭州星海网络有限公司')));
    expect(e.code).toBe('authorization_lapsed');
    expect(e.message).toContain('代理授权已于 2025-12-31 到期（合同 HT-1）');
    expect(e.details?.notices).toEqual([expect.objectContaining({ key: 'authz-lapsed:杭州云启科技:2026-11-25', to: { type: 'staff', id: 'carol' } })]);
  });

  it('claims from the pool: refused outside the region, allowed inside', () => {
    importRows(h.domain, [authRow('HT-1', '杭州云启科技', 'carol', '2026-01-01', '2026-12-31')]);
    for (const name of ['南京远景科技有限公司', '杭州海潮科技有限公司']) {
      const r = h.tx(() => h.domain.register.register(h.domain.dir.require('admin'), input(name)));
      if (r.kind !== 'submitted') throw new Error('setup');
      h.tx(() => h.domain.owner.giveBack(h.domain.dir.require('admin'), name, '测试'));
    }
    expect(refusal(() => h.domain.pool.claim(pat(), '南京远景科技有限公司')).code).toBe('outside_region');
    h.tx(() => h.domain.pool.claim(pat(), '杭州海潮科技有限公司'));
    expect(h.domain.deps.db.select().from(customers).where(eq(customers.name, '杭州海潮科技有限公司')).get()?.status).toBe('protected');
  });

  it('a salesperson is never checked against dealer authorizations', () => {
    importRows(h.domain, [authRow('HT-1', '杭州云启科技', 'carol', '2025-01-01', '2025-12-31')]);
    expect(h.tx(() => h.domain.register.register(h.domain.dir.require('alice'), input('南京恒星科技有限公司'))).kind).toBe('submitted');
  });
});
