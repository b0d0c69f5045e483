import type { Clock } from '../clock/clock';
import type { Store, Tx } from '../storage/unit-of-work';
import type { Rules } from './rules';
import { BusinessTime } from './time';

/** What lives as long as the process: the storage, the injected clock and the rules in force. */
export interface DomainEnv {
  store: Store;
  clock: Clock;
  rules: Rules;
  time: BusinessTime;
}

/** What every domain service needs in one unit of work: the environment and its transaction. */
export interface DomainDeps extends DomainEnv {
  tx: Tx;
}

export function domainEnv(store: Store, clock: Clock, rules: Rules): DomainEnv {
  return { store, clock, rules, time: new BusinessTime(rules.schedule.timezone) };
}

export function depsIn(env: DomainEnv, tx: Tx): DomainDeps {
  return { store: env.store, clock: env.clock, rules: env.rules, time: env.time, tx };
}
