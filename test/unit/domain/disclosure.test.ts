import { maySee, everyoneMaySee, type Disclosure } from '../../../src/domain/org/disclosure';
import { disclosureFacts } from '../../../src/bot/audience';
import { collectDisclosures, disclose } from '../../../src/bot/render/disclosures';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';

describe('who may see what a message discloses', () => {
  let h: DomainHarness;
  let aliceCustomer: number;
  beforeAll(() => {
    h = startDomain();
    const d = h.domain;
    const r = h.tx(() => d.register.register(d.dir.require('alice'), input('杭州甲秘科技有限公司')));
    if (r.kind !== 'submitted') throw new Error(r.kind);
    aliceCustomer = r.customer.id;
  });
  afterAll(() => h.close());

  const who = (id: string) => h.domain.dir.require(id);
  const sees = (id: string, d: Disclosure) => maySee(disclosureFacts(h.domain), who(id), d);

  it("a customer's details: the owner, those above, directors and admins; not a colleague, another team's manager or a dealer", () => {
    const c: Disclosure = { kind: 'customer', customerId: aliceCustomer };
    expect(['alice', 'carol', 'dave', 'admin'].filter((id) => sees(id, c))).toEqual(['alice', 'carol', 'dave', 'admin']);
    expect(['bob', 'erin', 'frank', 'pat'].filter((id) => sees(id, c))).toEqual([]);
  });

  it("a dealer's standing: the company's staff and that dealer's people, never another dealer's", () => {
    const own: Disclosure = { kind: 'dealer', dealerId: '杭州云启科技' };
    const other: Disclosure = { kind: 'dealer', dealerId: '宁波海达贸易' };
    expect(sees('pat', own)).toBe(true);
    expect(sees('alice', own)).toBe(true);
    expect(sees('pat', other)).toBe(false);
    expect(sees('frank', other)).toBe(true);
  });

  it('internal figures: everyone but a dealer', () => {
    expect(sees('bob', { kind: 'internal' })).toBe(true);
    expect(sees('pat', { kind: 'internal' })).toBe(false);
  });

  it('an unknown audience (a group whose members were never declared) may see no detail, only public facts', () => {
    const f = disclosureFacts(h.domain);
    expect(everyoneMaySee(f, undefined, [{ kind: 'internal' }])).toBe(false);
    expect(everyoneMaySee(f, undefined, [])).toBe(true);
    expect(everyoneMaySee(f, [who('alice'), who('carol')], [{ kind: 'customer', customerId: aliceCustomer }])).toBe(true);
    expect(everyoneMaySee(f, [who('alice'), who('bob')], [{ kind: 'customer', customerId: aliceCustomer }])).toBe(false);
  });

  it('collects what a render discloses, nested renders included, and nothing outside a collection', () => {
    disclose({ kind: 'internal' });
    const outer = collectDisclosures(() => {
      disclose({ kind: 'dealer', dealerId: 'a' });
      const inner = collectDisclosures(() => disclose({ kind: 'customer', customerId: 1 }));
      expect(inner.disclosed).toEqual([{ kind: 'customer', customerId: 1 }]);
      return 42;
    });
    expect(outer.value).toBe(42);
    expect(outer.disclosed).toEqual([{ kind: 'dealer', dealerId: 'a' }, { kind: 'customer', customerId: 1 }]);
    expect(collectDisclosures(() => undefined).disclosed).toEqual([]);
  });

  it("an approval's facts: its requester and approvers, also once it is rejected; not a colleague or a dealer", () => {
    const d = h.domain;
    const approval = d.approvals.pendingOf('registration', d.records.activeRegistrationOf(aliceCustomer)!.id)!;
    const a: Disclosure = { kind: 'approval', approvalId: approval.id, customerId: aliceCustomer };
    expect(['alice', 'carol', 'dave'].every((id) => sees(id, a))).toBe(true);
    expect(['bob', 'pat', 'erin'].filter((id) => sees(id, a))).toEqual([]);
    const step = d.approvals.steps(approval.id)[0]!;
    h.tx(() => d.approvals.decide(step.id, 'carol', 'rejected', '信息不全'));
    expect(sees('alice', a)).toBe(true);
    expect(sees('alice', { kind: 'customer', customerId: aliceCustomer })).toBe(false);
  });
});
