import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { DomainError } from '../../../src/domain/errors';
import { LookupQuota } from '../../../src/domain/registration/lookup-quota';
import { startDomain, type DomainHarness } from '../../support/domain-harness';

const rules = { ...DEFAULT_RULES, dedup: { lookupsPerHour: 2, lookupsPerDay: 5, unlimitedRoles: ['admin' as const] } };

describe('LookupQuota: counted from the audit log, so processes sharing a database agree', () => {
  let a: DomainHarness;
  let b: DomainHarness;
  beforeEach(() => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-quota-')), 'db');
    a = startDomain({ file, rules });
    b = startDomain({ file, rules });
  });
  afterEach(() => {
    a.close();
    b.close();
  });

  const quota = (h: DomainHarness) => new LookupQuota(h.domain.deps, h.domain.dir);
  const lookUp = (h: DomainHarness, who: string, mobile: string) =>
    h.tx(() => {
      const actor = h.domain.dir.require(who);
      quota(h).admit(actor, { mobile });
      quota(h).record(actor, { mobile }, { tier: 'none', customerIds: [] });
    });

  it('look-ups made by one process count in the other; a name-only check is free; an admin is not limited', () => {
    lookUp(a, 'bob', '+8613900000001');
    lookUp(b, 'bob', '+8613900000002');
    expect(() => lookUp(a, 'bob', '+8613900000003')).toThrow(DomainError);
    expect(() => lookUp(b, 'bob', '+8613900000003')).toThrow(/1 小时内已查 2 次/);
    expect(() => b.tx(() => quota(b).admit(b.domain.dir.require('bob'), {}))).not.toThrow();
    lookUp(a, 'alice', '+8613900000003');
    for (let i = 0; i < 4; i++) lookUp(b, 'admin', `+861390000001${i}`);
    // Both clocks move on: the hour is over for both processes.
    a.clock.advance(60 * 60_000);
    b.clock.advance(60 * 60_000);
    expect(() => lookUp(b, 'bob', '+8613900000003')).not.toThrow();
  });
});
