import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { DomainError } from '../../../src/domain/errors';
import { LookupQuota } from '../../../src/domain/registration/lookup-quota';
import type { Domain } from '../../../src/domain/domain';
import { startDomain, type DomainHarness } from '../../support/domain-harness';

const rules = { ...DEFAULT_RULES, dedup: { lookupsPerHour: 2, lookupsPerDay: 5, unlimitedRoles: ['admin' as const] } };

describe('LookupQuota: counted from the audit log, so processes sharing a database agree', () => {
  let a: DomainHarness;
  let b: DomainHarness;
  beforeEach(async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-quota-')), 'db');
    a = await startDomain({ file, rules });
    b = await startDomain({ file, rules });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  const quota = (d: Domain) => new LookupQuota(d.deps, d.dir);
  const lookUp = (h: DomainHarness, who: string, mobile: string) =>
    h.tx(async (d) => {
      const actor = await d.dir.require(who);
      await quota(d).admit(actor, { mobile });
      await quota(d).record(actor, { mobile }, { tier: 'none', customerIds: [] });
    });

  it('look-ups made by one process count in the other; a name-only check is free; an admin is not limited', async () => {
    await lookUp(a, 'bob', '+8613900000001');
    await lookUp(b, 'bob', '+8613900000002');
    await expect(lookUp(a, 'bob', '+8613900000003')).rejects.toThrow(DomainError);
    await expect(lookUp(b, 'bob', '+8613900000003')).rejects.toThrow(/1 小时内已查 2 次/);
    await expect(b.tx(async (d) => quota(d).admit(await d.dir.require('bob'), {}))).resolves.not.toThrow();
    await lookUp(a, 'alice', '+8613900000003');
    for (let i = 0; i < 4; i++) await lookUp(b, 'admin', `+861390000001${i}`);
    // Both clocks move on: the hour is over for both processes.
    a.clock.advance(60 * 60_000);
    b.clock.advance(60 * 60_000);
    await expect(lookUp(b, 'bob', '+8613900000003')).resolves.not.toThrow();
  });
});
