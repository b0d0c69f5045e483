import { funnelOf } from '../../../src/domain/authorization/funnel';
import { canonicalRegions, customerRegion, readRegion, regionCovered } from '../../../src/domain/authorization/regions';
import type { RenewalStage } from '../../../src/domain/authorization/stages';

describe('renewal funnel', () => {
  const t = (stage: RenewalStage, furthestStage: RenewalStage = stage, lossReason: string | null = null) => ({ stage, furthestStage, lossReason });

  it('counts each renewal at the furthest stage it reached, and losses by reason', () => {
    const f = funnelOf([
      t('not_started'),
      t('intent'),
      t('quote'),
      t('seal'),
      t('paid'),
      t('paid'),
      t('lost', 'quote', '价格'),
      t('lost', 'not_started', '竞品'),
      t('lost', 'contract', '价格'),
    ]);
    expect(f).toEqual({ due: 9, started: 7, quoted: 6, signed: 4, paid: 2, lost: [{ reason: '价格', count: 2 }, { reason: '竞品', count: 1 }] });
  });

  it('an empty scope is all zeros', () => {
    expect(funnelOf([])).toEqual({ due: 0, started: 0, quoted: 0, signed: 0, paid: 0, lost: [] });
  });
});

describe('authorized regions on the dedup division list', () => {
  it('canonicalises names and rejects words that are not places', () => {
    expect(canonicalRegions(['浙江', '杭州', '浙江省'])).toEqual({ ok: true, names: ['浙江省', '浙江省杭州市'] });
    expect(canonicalRegions(['全国'])).toEqual({ ok: true, names: ['全国'] });
    expect(canonicalRegions(['华东', '浙江'])).toEqual({ ok: false, unknown: ['华东'] });
  });

  it('a place is covered by a region that contains it, never the other way round', () => {
    const hz = readRegion('杭州市')!;
    const zj = readRegion('浙江')!;
    expect(regionCovered(['浙江省'], hz)).toBe(true);
    expect(regionCovered(['浙江省杭州市'], zj)).toBe(false);
    expect(regionCovered(['江苏省'], hz)).toBe(false);
    expect(regionCovered(['全国'], hz)).toBe(true);
    expect(regionCovered([], hz)).toBe(true);
  });

  it('finds a customer\'s place in 省/市, else in its name', () => {
    expect(customerRegion({ province: '浙江', city: '宁波', company: '某某有限公司' })?.name).toBe('浙江省宁波市');
    expect(customerRegion({ city: '温州', company: '某某有限公司' })?.name).toBe('浙江省温州市');
    expect(customerRegion({ company: '云启科技（杭州）有限公司' })?.name).toBe('浙江省杭州市');
    expect(customerRegion({ company: '某某科技有限公司' })).toBeUndefined();
  });
});
