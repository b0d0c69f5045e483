import { DomainError } from '../../../src/domain/errors';
import { authorizationServices } from '../../../src/domain/authorization/services';
import type { StageChange } from '../../../src/domain/authorization/renewal-service';
import { startDomain, type DomainHarness } from '../../support/domain-harness';
import { authRow, importRows } from '../../integration/authorizations/support';

describe('renewal stage changes', () => {
  let h: DomainHarness;
  beforeEach(async () => {
    h = await startDomain();
    await importRows(h.root, [authRow('HT-1', '宁波海达贸易', 'alice', '2026-03-01', '2027-02-28')]);
  });
  afterEach(async () => {
    await h.close();
  });

  const change = (who: string, c: Omit<StageChange, 'contractNo'>) =>
    h.tx(async (d) => await authorizationServices(d).renewals.change(await d.dir.require(who), { contractNo: 'ht-1', ...c }));
  const refused = async (who: string, c: Omit<StageChange, 'contractNo'>): Promise<DomainError> => {
    try {
      await change(who, c);
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };

  it('moves forward (skipping is allowed), never back, and records who and when', async () => {
    expect((await change('alice', { stage: 'quote' })).before).toBe('not_started');
    expect((await refused('alice', { stage: 'intent' })).message).toBe('续约不能从「报价」退回到「意向确认」。');
    expect((await refused('alice', { stage: 'quote' })).code).toBe('same_stage');
    const r = await change('carol', { stage: 'seal', note: '合同已寄出' });
    expect(r.task).toMatchObject({ stage: 'seal', furthestStage: 'seal', stageChangedBy: 'carol', note: '合同已寄出' });
    const trail = h.store.db.$client.prepare("SELECT actor_id, action FROM audit_log WHERE subject_type = 'authorization' ORDER BY id").all();
    expect(trail).toEqual(expect.arrayContaining([{ actor_id: 'alice', action: 'renewal.stage' }, { actor_id: 'carol', action: 'renewal.stage' }]));
  });

  it('流失 needs a configured reason and keeps how far it got; a closed renewal cannot change', async () => {
    await change('alice', { stage: 'quote' });
    expect((await refused('alice', { stage: 'lost' })).message).toBe('流失需要写明原因，可选：价格、竞品、经营困难、业务调整、其他。');
    expect((await refused('alice', { stage: 'lost', lossReason: '心情' })).code).toBe('loss_reason');
    expect((await change('alice', { stage: 'lost', lossReason: '竞品' })).task).toMatchObject({ stage: 'lost', furthestStage: 'quote', lossReason: '竞品' });
    expect((await refused('alice', { stage: 'paid' })).code).toBe('renewal_closed');
  });

  it('only the owner, their managers, the channel manager, directors and admins may change it', async () => {
    expect((await refused('bob', { stage: 'intent' })).code).toBe('forbidden');
    expect((await refused('erin', { stage: 'intent' })).code).toBe('forbidden');
    expect((await change('dave', { stage: 'intent' })).task.stage).toBe('intent');
  });

  it('回款 creates the next period (given dates or the same length) and refuses impossible dates', async () => {
    expect((await refused('alice', { stage: 'paid', endsOn: '2027-03-01', startsOn: '2027-03-01' })).code).toBe('bad_dates');
    const r = await change('alice', { stage: 'paid', endsOn: '2028-12-31' });
    expect(r.next).toMatchObject({ seq: 2, startsOn: '2027-03-01', endsOn: '2028-12-31' });
    const periods = await h.read(async (d) => await authorizationServices(d).store.periods(r.authorization.id));
    expect(periods.map((p) => p.nextPeriodId)).toEqual([r.next!.id, null]);
  });

  it('an unknown contract says how to find the number', async () => {
    const e = await h
      .tx(async (d) => await authorizationServices(d).renewals.change(await d.dir.require('alice'), { contractNo: 'HT-404', stage: 'intent' }))
      .then(
        () => undefined,
        (err: unknown) => err as DomainError,
      );
    expect(e?.hint).toBe('/授权 <代理商名>（查看合同编号）');
  });
});
