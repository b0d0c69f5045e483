import { daysBetween, type IsoDate } from './dates';

export type AuthorizationStatus = 'active' | 'expiring' | 'expired' | 'renewed';

export const STATUS_ZH: Record<AuthorizationStatus, string> = {
  active: '有效',
  expiring: '即将到期',
  expired: '已过期',
  renewed: '已续约',
};

export interface PeriodDates {
  startsOn: IsoDate;
  endsOn: IsoDate;
  nextPeriodId: number | null;
}

/**
 * Derived, never stored: a period followed by a paid renewal is 已续约; past its end it is 已过期;
 * within `windowDays` of its end 即将到期; else 有效.
 */
export function periodStatus(p: PeriodDates, today: IsoDate, windowDays: number): AuthorizationStatus {
  if (p.nextPeriodId !== null) return 'renewed';
  const left = daysBetween(today, p.endsOn);
  if (left < 0) return 'expired';
  return left <= windowDays ? 'expiring' : 'active';
}

/**
 * A contract's status from its periods (oldest first): 已续约 while a signed next term has not
 * begun yet, else the status of its latest period.
 */
export function contractStatus(periods: PeriodDates[], today: IsoDate, windowDays: number): AuthorizationStatus {
  const latest = periods[periods.length - 1];
  if (!latest) return 'expired';
  if (periods.length > 1 && latest.startsOn > today) return 'renewed';
  return periodStatus(latest, today, windowDays);
}

/** In force on `today`: the day falls inside the period. */
export function inForce(p: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): boolean {
  return p.startsOn <= today && today <= p.endsOn;
}
