import { isClosed, parseStage, reached, stageRank } from '../../../src/domain/authorization/stages';
import { contractStatus, inForce, periodStatus } from '../../../src/domain/authorization/status';
import { addDays, daysBetween, nextPeriodDates, parseDate, termMonths } from '../../../src/domain/authorization/dates';

describe('renewal stages', () => {
  it('reads the stage names people type', () => {
    expect(['意向确认', '意向', '报价', '签约', '合同', '盖章', '用印', '回款', '流失', 'quote', ' 报价 '].map(parseStage)).toEqual([
      'intent', 'intent', 'quote', 'contract', 'contract', 'seal', 'seal', 'paid', 'lost', 'quote', 'quote',
    ]);
    expect(parseStage('完成')).toBeUndefined();
  });

  it('orders 待启动 → 意向确认 → 报价 → 合同 → 用印 → 回款; 流失 reaches nothing', () => {
    expect(stageRank('not_started')).toBeLessThan(stageRank('intent'));
    expect(stageRank('seal')).toBeLessThan(stageRank('paid'));
    expect(reached('contract', 'contract')).toBe(true);
    expect(reached('seal', 'contract')).toBe(true);
    expect(reached('quote', 'contract')).toBe(false);
    expect(reached('lost', 'intent')).toBe(false);
    expect(['paid', 'lost', 'seal'].map((s) => isClosed(s as never))).toEqual([true, true, false]);
  });
});

describe('authorization status, derived from dates', () => {
  const p = (startsOn: string, endsOn: string, nextPeriodId: number | null = null) => ({ startsOn, endsOn, nextPeriodId });

  it('有效 / 即将到期 / 已过期 / 已续约 around the window and the end date', () => {
    expect(periodStatus(p('2026-03-01', '2027-02-28'), '2026-11-29', 90)).toBe('active');
    expect(periodStatus(p('2026-03-01', '2027-02-28'), '2026-11-30', 90)).toBe('expiring');
    expect(periodStatus(p('2026-03-01', '2027-02-28'), '2027-02-28', 90)).toBe('expiring');
    expect(periodStatus(p('2026-03-01', '2027-02-28'), '2027-03-01', 90)).toBe('expired');
    expect(periodStatus(p('2026-03-01', '2027-02-28', 7), '2027-03-01', 90)).toBe('renewed');
  });

  it('a contract is 已续约 between signing and the start of its next term, then 有效', () => {
    const periods = [p('2026-03-01', '2027-02-28', 2), p('2027-03-01', '2028-02-29')];
    expect(contractStatus(periods, '2027-02-01', 90)).toBe('renewed');
    expect(contractStatus(periods, '2027-03-01', 90)).toBe('active');
    expect(contractStatus([p('2027-01-01', '2027-12-31')], '2026-11-25', 90)).toBe('active');
  });

  it('in force includes both end days', () => {
    expect(inForce(p('2026-03-01', '2027-02-28'), '2026-03-01')).toBe(true);
    expect(inForce(p('2026-03-01', '2027-02-28'), '2027-02-28')).toBe(true);
    expect(inForce(p('2026-03-01', '2027-02-28'), '2027-03-01')).toBe(false);
  });
});

describe('authorization dates', () => {
  it('parses the ways dates are written, and refuses impossible ones', () => {
    expect(['2027-02-28', '2027/2/28', '2027.2.28', '2027年2月28日', '20270228', '  2027-02-28 '].map(parseDate)).toEqual(Array(6).fill('2027-02-28'));
    expect(parseDate(new Date('2027-02-28T00:00:00Z'))).toBe('2027-02-28');
    expect(parseDate(46446)).toBe('2027-02-28');
    expect(['2027-02-30', '2027-13-01', '明年', '', '1', 12.5, null].map(parseDate)).toEqual(Array(7).fill(undefined));
  });

  it('counts days and adds them across months and leap years', () => {
    expect(daysBetween('2026-11-30', '2027-02-28')).toBe(90);
    expect(daysBetween('2027-03-01', '2027-02-28')).toBe(-1);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('the next period starts the day after and lasts as long as the last one', () => {
    expect(termMonths('2026-03-01', '2027-02-28')).toBe(12);
    expect(nextPeriodDates({ startsOn: '2026-03-01', endsOn: '2027-02-28' })).toEqual({ startsOn: '2027-03-01', endsOn: '2028-02-29' });
    expect(nextPeriodDates({ startsOn: '2026-01-01', endsOn: '2026-06-30' })).toEqual({ startsOn: '2026-07-01', endsOn: '2026-12-31' });
    expect(nextPeriodDates({ startsOn: '2026-03-01', endsOn: '2027-02-28' }, { endsOn: '2028-12-31' })).toEqual({ startsOn: '2027-03-01', endsOn: '2028-12-31' });
  });
});
