import type { Db } from '../../db/open';
import type { Clock } from '../clock/clock';
import type { Rules } from './rules';
import { BusinessTime } from './time';

/** What every domain service needs: the database, the injected clock and the rules in force. */
export interface DomainDeps {
  db: Db;
  clock: Clock;
  rules: Rules;
  time: BusinessTime;
}

export function domainDeps(db: Db, clock: Clock, rules: Rules): DomainDeps {
  return { db, clock, rules, time: new BusinessTime(rules.schedule.timezone) };
}
