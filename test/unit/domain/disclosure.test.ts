import { maySee, everyoneMaySee, type Disclosure } from '../../../src/domain/org/disclosure';
import type { Staff } from '../../../src/domain/org/directory';
import { disclosureFacts } from '../../../src/bot/audience';
import { collectDisclosures, disclose } from '../../../src/bot/render/disclosures';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';

describe('who may see what a message discloses', () => {
  let h: DomainHarness;
  let aliceCustomer: number;
  beforeAll(async () => {
    h = await startDomain();
    const r = await h.tx(async (d) => d.register.register(await d.dir.require('alice'), input('杭州甲秘科技有限公司')));
    if (r.kind !== 'submitted') throw new Error(r.kind);
    aliceCustomer = r.customer.id;
  });
  afterAll(() => h.close());

  const who = (id: string) => h.read((d) => d.dir.require(id));
  const sees = (id: string, disc: Disclosure) => h.read(async (d) => maySee(disclosureFacts(d), await d.dir.require(id), disc));
  const seers = async (ids: string[], disc: Disclosure) => {
    const out: string[] = [];
    for (const id of ids) if (await sees(id, disc)) out.push(id);
    return out;
  };
  const everyone = (readers: Staff[] | undefined, disclosed: Disclosure[]) => h.read((d) => everyoneMaySee(disclosureFacts(d), readers, disclosed));

  it("a customer's details: the owner, those above, directors and admins; not a colleague, another team's manager or a dealer", async () => {
    const c: Disclosure = { kind: 'customer', customerId: aliceCustomer };
    expect(await seers(['alice', 'carol', 'dave', 'admin'], c)).toEqual(['alice', 'carol', 'dave', 'admin']);
    expect(await seers(['bob', 'erin', 'frank', 'pat'], c)).toEqual([]);
  });

  it("a dealer's standing: the company's staff and that dealer's people, never another dealer's", async () => {
    const own: Disclosure = { kind: 'dealer', dealerId: '杭州云启科技' };
    const other: Disclosure = { kind: 'dealer', dealerId: '宁波海达贸易' };
    expect(await sees('pat', own)).toBe(true);
    expect(await sees('alice', own)).toBe(true);
    expect(await sees('pat', other)).toBe(false);
    expect(await sees('frank', other)).toBe(true);
  });

  it('internal figures: everyone but a dealer', async () => {
    expect(await sees('bob', { kind: 'internal' })).toBe(true);
    expect(await sees('pat', { kind: 'internal' })).toBe(false);
  });

  it('an unknown audience (a group whose members were never declared) may see no detail, only public facts', async () => {
    expect(await everyone(undefined, [{ kind: 'internal' }])).toBe(false);
    expect(await everyone(undefined, [])).toBe(true);
    expect(await everyone([await who('alice'), await who('carol')], [{ kind: 'customer', customerId: aliceCustomer }])).toBe(true);
    expect(await everyone([await who('alice'), await who('bob')], [{ kind: 'customer', customerId: aliceCustomer }])).toBe(false);
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

  it("an approval's facts: its requester and approvers, also once it is rejected; not a colleague or a dealer", async () => {
    const approval = (await h.read(async (d) => d.approvals.pendingOf('registration', (await d.records.activeRegistrationOf(aliceCustomer))!.id)))!;
    const a: Disclosure = { kind: 'approval', approvalId: approval.id, customerId: aliceCustomer };
    expect(await seers(['alice', 'carol', 'dave'], a)).toEqual(['alice', 'carol', 'dave']);
    expect(await seers(['bob', 'pat', 'erin'], a)).toEqual([]);
    const step = (await h.read((d) => d.approvals.steps(approval.id)))[0]!;
    await h.tx((d) => d.approvals.decide(step.id, 'carol', 'rejected', '信息不全'));
    expect(await sees('alice', a)).toBe(true);
    expect(await sees('alice', { kind: 'customer', customerId: aliceCustomer })).toBe(false);
  });
});
