import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BusinessTime, quietUntil } from '../../../src/domain/time';
import { DEFAULT_RULES, loadRules } from '../../../src/domain/rules';
import { parseAmountYuan } from '../../../src/bot/commands/arg-schemas';
import { parseDuration } from '../../../src/platforms/console/controls';

const bt = new BusinessTime('Asia/Shanghai');
const at = (iso: string) => new Date(iso);

describe('business time', () => {
  it('counts calendar days in Shanghai whatever the server zone', () => {
    expect(bt.calendarDaysBetween(at('2026-11-25T23:30:00+08:00'), at('2026-11-26T00:10:00+08:00'))).toBe(1);
    expect(bt.calendarDaysBetween(at('2026-11-25T10:00:00+08:00'), at('2026-12-25T09:00:00+08:00'))).toBe(30);
  });
  it('formats dates in the business zone', () => {
    expect(bt.dateTime(at('2026-11-25T18:30:00Z'))).toBe('2026-11-26 02:30');
  });
  it('holds pushes during quiet hours until 08:30, across midnight', () => {
    const q = DEFAULT_RULES.schedule.quietHours;
    expect(quietUntil(bt, at('2026-11-25T20:59:00+08:00'), q)).toBeUndefined();
    expect(quietUntil(bt, at('2026-11-25T21:00:00+08:00'), q)).toEqual(at('2026-11-26T08:30:00+08:00'));
    expect(quietUntil(bt, at('2026-11-26T03:00:00+08:00'), q)).toEqual(at('2026-11-26T08:30:00+08:00'));
    expect(quietUntil(bt, at('2026-11-26T08:30:00+08:00'), q)).toBeUndefined();
    expect(quietUntil(bt, at('2026-11-26T03:00:00+08:00'), null)).toBeUndefined();
  });
});

describe('rules file', () => {
  const write = (obj: unknown) => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rules-')), 'rules.json');
    fs.writeFileSync(f, typeof obj === 'string' ? obj : JSON.stringify(obj));
    return f;
  };
  it('overlays a partial file on the defaults', () => {
    const r = loadRules(write({ registration: { protectionDays: 45 }, pool: { maxClaimsPerDay: 5 } }));
    expect(r.registration.protectionDays).toBe(45);
    expect(r.registration.reminderDaysBefore).toEqual([3, 1]);
    expect(r.pool.maxClaimsPerDay).toBe(5);
  });
  it('turns quiet hours off with null', () => {
    expect(loadRules(write({ schedule: { quietHours: null } })).schedule.quietHours).toBeNull();
  });
  it('refuses a bad file with the path of the bad value', () => {
    expect(() => loadRules(write({ extension: { days: -3 } }))).toThrow(/extension\.days/);
    expect(() => loadRules(write('{not json'))).toThrow(/不是合法 JSON/);
  });
});

describe('amounts and durations', () => {
  it('reads money the way people type it', () => {
    expect(parseAmountYuan('12万', 'yuan')).toBe(120_000);
    expect(parseAmountYuan('12.5万元', 'yuan')).toBe(125_000);
    expect(parseAmountYuan('120,000', 'yuan')).toBe(120_000);
    expect(parseAmountYuan('8000元', 'yuan')).toBe(8000);
    expect(parseAmountYuan('50', 'wan')).toBe(500_000);
    expect(parseAmountYuan('五十万', 'yuan')).toBeUndefined();
  });
  it('reads :advance durations', () => {
    expect(parseDuration('27d')).toBe(27 * 86_400_000);
    expect(parseDuration('1d 2h 30m')).toBe(86_400_000 + 2 * 3_600_000 + 30 * 60_000);
    expect(parseDuration('3天')).toBe(3 * 86_400_000);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
