import { openDb } from '../../db/open';
import { writeTx } from '../../db/open';
import { VirtualClock } from '../../src/clock/clock';
import { DEFAULT_RULES, type Rules } from '../../src/domain/rules';
import { domainDeps } from '../../src/domain/deps';
import { createDomain, type Domain } from '../../src/domain/domain';
import { seedDemo } from '../../src/app/seed';
import type { RegistrationInput } from '../../src/domain/registration/types';

export interface DomainHarness {
  domain: Domain;
  clock: VirtualClock;
  /** Runs fn in one write transaction, as the bot does for a command. */
  tx<T>(fn: () => T): T;
  close(): void;
}

export function startDomain(opts: { now?: string; rules?: Rules; file?: string; onDedupRebuild?: (customers: number) => void } = {}): DomainHarness {
  const db = openDb({ file: opts.file ?? ':memory:' });
  const clock = new VirtualClock(new Date(opts.now ?? '2026-11-25T10:00:00+08:00'));
  const deps = domainDeps(db, clock, opts.rules ?? DEFAULT_RULES);
  seedDemo(deps, { onlyIfEmpty: true });
  const domain = createDomain(deps, opts.onDedupRebuild ? { onDedupRebuild: opts.onDedupRebuild } : {});
  return { domain, clock, tx: (fn) => writeTx(db, fn), close: () => db.$client.close() };
}

let phone = 13800000000;
export function input(company: string, extra: Partial<RegistrationInput> = {}): RegistrationInput {
  phone += 1;
  return { company, contactName: '张伟', mobile: `+86${phone}`, ...extra };
}
