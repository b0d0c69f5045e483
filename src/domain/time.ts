import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Business time: every date a user sees or a rule counts is in the company's zone. */
export class BusinessTime {
  // dayjs' tz() builds a formatter per call, too slow for lists and sweeps: reading local
  // fields goes through one cached Intl formatter; dayjs does the calendar arithmetic.
  private readonly fields: Intl.DateTimeFormat;

  constructor(readonly zone: string) {
    this.fields = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
  }

  /** Local [year, month, day, hour, minute] as zero-padded strings. */
  private parts(at: Date): [string, string, string, string, string] {
    // en-GB formats as "25/11/2026, 10:30"
    const m = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2})$/.exec(this.fields.format(at))!;
    return [m[3]!, m[2]!, m[1]!, m[4]!, m[5]!];
  }

  /** Whole calendar days from `from` to `to` in the business zone (today → tomorrow = 1). */
  calendarDaysBetween(from: Date, to: Date): number {
    const [ay, am, ad] = this.parts(from);
    const [by, bm, bd] = this.parts(to);
    return Math.round((Date.UTC(+by, +bm - 1, +bd) - Date.UTC(+ay, +am - 1, +ad)) / DAY_MS);
  }

  addDays(at: Date, days: number): Date {
    return dayjs(at).tz(this.zone).add(days, 'day').toDate();
  }

  startOfDay(at: Date): Date {
    return dayjs(at).tz(this.zone).startOf('day').toDate();
  }

  /** "2026-12-25" */
  date(at: Date): string {
    const [y, mo, d] = this.parts(at);
    return `${y}-${mo}-${d}`;
  }

  /** "2026-12-25 10:30" */
  dateTime(at: Date): string {
    const [y, mo, d, h, mi] = this.parts(at);
    return `${y}-${mo}-${d} ${h}:${mi}`;
  }

  /** "12-25 10:30" */
  short(at: Date): string {
    const [, mo, d, h, mi] = this.parts(at);
    return `${mo}-${d} ${h}:${mi}`;
  }

  /** Minutes since local midnight. */
  minuteOfDay(at: Date): number {
    const [, , , h, m] = this.parts(at);
    return Number(h) * 60 + Number(m);
  }

  /** The instant at local hh:mm on the day of `at`. */
  atLocalTime(at: Date, hhmm: string): Date {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return dayjs(at).tz(this.zone).startOf('day').hour(h).minute(m).toDate();
  }

  /** Parses "2026-12-25" or "2026-12-25 10:30" as business-zone local time. */
  parseLocal(text: string): Date | undefined {
    const d = dayjs.tz(text, this.zone);
    return d.isValid() ? d.toDate() : undefined;
  }
}

/** Quiet hours: the end of the quiet window if `at` is inside it, else undefined. */
export function quietUntil(bt: BusinessTime, at: Date, quiet: { start: string; end: string } | null): Date | undefined {
  if (!quiet) return undefined;
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const start = toMin(quiet.start);
  const end = toMin(quiet.end);
  const now = bt.minuteOfDay(at);
  const crossesMidnight = start > end;
  const inside = crossesMidnight ? now >= start || now < end : now >= start && now < end;
  if (!inside) return undefined;
  const endToday = bt.atLocalTime(at, quiet.end);
  return crossesMidnight && now >= start ? dayjs(endToday).tz(bt.zone).add(1, 'day').toDate() : endToday;
}
