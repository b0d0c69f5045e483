import { like } from 'drizzle-orm';
import { outbox } from '../../../db/schema';
import { DEFAULT_RULES, type Rules } from '../../../src/domain/rules';
import { authorizationServices } from '../../../src/domain/authorization/services';
import { startDomain, type DomainHarness } from '../../support/domain-harness';
import { authRow, importRows } from '../../integration/authorizations/support';

describe('the daily renewal sweep', () => {
  let h: DomainHarness;
  afterEach(async () => {
    await h.close();
  });

  const sweep = (key = 'sweep:test') => h.tx((d) => authorizationServices(d).sweep.run(key));
  const notices = () =>
    h.store.db.select().from(outbox).where(like(outbox.dedupKey, 'authz:%')).all().map((r) => `${r.dedupKey.split(':')[4]!.split('>')[0]} ${r.recipientId} ${r.channel} ${r.payload.priority}`).sort();

  it('a period first seen 45 days out gets the task and only the most urgent milestone, once', async () => {
    h = await startDomain({ now: '2026-11-25T09:00:00+08:00' });
    await importRows(h.root, [authRow('HT-1', '宁波海达贸易', 'alice', '2026-01-10', '2027-01-09')]);
    expect(await sweep()).toEqual({ opened: 1, notices: 2, expired: 0 });
    expect(notices()).toEqual(['T-60 alice team high', 'T-60 carol private high']);
    expect(await sweep('sweep:again')).toEqual({ opened: 0, notices: 0, expired: 0 });
    expect(notices()).toHaveLength(2);
  });

  it('an imported period already past its end is marked expired once and tells owner, manager and director', async () => {
    h = await startDomain({ now: '2026-11-25T09:00:00+08:00' });
    await importRows(h.root, [authRow('HT-2', '宁波海达贸易', 'alice', '2025-01-01', '2025-12-31')]);
    expect(await sweep()).toEqual({ opened: 1, notices: 3, expired: 1 });
    expect(notices()).toEqual(['expired alice private high', 'expired carol private high', 'expired dave private high']);
    expect((await sweep('sweep:again')).expired).toBe(0);
  });

  it('follows the configured milestones and audiences', async () => {
    const rules: Rules = {
      ...DEFAULT_RULES,
      authorization: {
        ...DEFAULT_RULES.authorization,
        renewalOpensDaysBefore: 120,
        milestones: [{ daysBefore: 100, untilStage: 'quote', notify: ['channelManager', 'owner'], priority: 'normal', listRegistrations: false }],
      },
    };
    h = await startDomain({ now: '2026-11-25T09:00:00+08:00', rules });
    await importRows(h.root, [authRow('HT-3', '杭州云启科技', 'bob', '2026-03-01', '2027-02-28')]);
    expect(await sweep()).toEqual({ opened: 1, notices: 2, expired: 0 });
    expect(notices()).toEqual(['T-100 bob team normal', 'T-100 carol private normal']);
  });

  it('a corrected end date re-arms the milestones', async () => {
    h = await startDomain({ now: '2026-11-25T09:00:00+08:00' });
    await importRows(h.root, [authRow('HT-4', '宁波海达贸易', 'alice', '2026-01-10', '2027-01-09')]);
    await sweep();
    const r = await importRows(h.root, [authRow('HT-4', '宁波海达贸易', 'alice', '2026-01-10', '2026-12-20')]);
    expect(r.counts).toEqual({ 新增: 0, 更新: 1, 续期: 0 });
    await sweep('sweep:after-fix');
    // Re-armed 25 days out, the T-30 also tells those the (new) T-60 would have: the date moved closer
    // (the 负责人 privately: the T-30 lists the dealer's customers).
    expect(notices()).toEqual(['T-30 alice private high', 'T-30 carol private high', 'T-30 dave private high', 'T-60 alice team high', 'T-60 carol private high']);
  });

  it('walks past a page of periods (keyset paging on end date, then id)', async () => {
    h = await startDomain({ now: '2026-11-25T09:00:00+08:00' });
    // 1,203 periods ending the same few days: every page boundary falls inside a run of equal end dates.
    const rows = Array.from({ length: 1203 }, (_, i) => authRow(`HT-P${i}`, '宁波海达贸易', 'alice', '2026-01-10', `2027-01-0${(i % 3) + 7}`));
    expect((await importRows(h.root, rows)).counts).toEqual({ 新增: 1203, 更新: 0, 续期: 0 });
    expect(await sweep()).toEqual({ opened: 1203, notices: 2406, expired: 0 });
    expect(await sweep('sweep:again')).toEqual({ opened: 0, notices: 0, expired: 0 });
  });
});
