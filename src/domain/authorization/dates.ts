import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { BusinessTime } from '../time';

dayjs.extend(utc);

/**
 * Authorization dates are calendar dates in the business zone, kept as YYYY-MM-DD: an end date
 * means "valid through that day", whatever the hour or the server's zone.
 */
export type IsoDate = string;

const DAY = 86_400_000;

function utcOf(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

export function today(time: BusinessTime, now: Date): IsoDate {
  return time.date(now);
}

/** Whole days from `from` to `to` (tomorrow = 1, yesterday = -1). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return new Date(utcOf(d) + n * DAY).toISOString().slice(0, 10);
}

export function addMonths(d: IsoDate, n: number): IsoDate {
  return dayjs.utc(d).add(n, 'month').format('YYYY-MM-DD');
}

/** Whole months a period spans (2026-03-01 … 2027-02-28 = 12); at least 1. */
export function termMonths(startsOn: IsoDate, endsOn: IsoDate): number {
  return Math.max(1, Math.round(dayjs.utc(addDays(endsOn, 1)).diff(dayjs.utc(startsOn), 'month', true)));
}

/**
 * The next period after a paid renewal: it starts the day after the old one ends (a late renewal
 * still continues the term) and lasts as many months as the old one, unless told otherwise.
 */
export function nextPeriodDates(prev: { startsOn: IsoDate; endsOn: IsoDate }, given: { startsOn?: IsoDate; endsOn?: IsoDate } = {}): { startsOn: IsoDate; endsOn: IsoDate } {
  const startsOn = given.startsOn ?? addDays(prev.endsOn, 1);
  const endsOn = given.endsOn ?? addDays(addMonths(startsOn, termMonths(prev.startsOn, prev.endsOn)), -1);
  return { startsOn, endsOn };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date as people write it in a sheet or a chat: 2027-02-22, 2027/2/22, 2027.2.22, 2027年2月22日,
 * 20270222, an Excel date cell, or an Excel serial number (a date formula without a date format).
 */
export function parseDate(v: unknown): IsoDate | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 20_000 || v > 80_000) return undefined;
    return new Date(EXCEL_EPOCH + v * DAY).toISOString().slice(0, 10);
  }
  if (typeof v !== 'string') return undefined;
  const s = v.normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return /^\d{5}$/.test(s) ? parseDate(Number(s)) : undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || y < 1990 || y > 2199) return undefined;
  return t.toISOString().slice(0, 10);
}
