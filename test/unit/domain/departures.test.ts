import { DEMO_ORG } from '../../../src/domain/org/demo-org';
import { applyOrg } from '../../../src/domain/org/apply-org';
import type { StaffRow } from '../../../src/domain/org/org-data';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';

describe('离职 in the org import', () => {
  let h: DomainHarness;
  afterEach(() => h.close());

  const person = (id: string, patch: Partial<StaffRow> = {}): StaffRow => ({ ...DEMO_ORG.staff.find((s) => s.id === id)!, ...patch });
  const importStaff = (rows: StaffRow[]) => h.tx((d) => applyOrg(d.deps, { staff: rows, groups: [], dealers: [] }, 'admin'));
  const ownerOf = async (regId: number) => (await h.read((d) => d.records.registration(regId)))!.ownerId;
  const register = async (who: string, company: string) => {
    const r = await h.tx(async (d) => d.register.register(await d.dir.require(who), input(company)));
    if (r.kind !== 'submitted') throw new Error(`not submitted: ${r.kind}`);
    return r;
  };
  const approversOf = (approvalId: number) =>
    h.read(async (d) => (await d.approvals.assignees((await d.approvals.steps(approvalId))[0]!.id)).map((x) => x.staffId));

  it('a manager leaving in the same file as their report: the report\'s customers go to the next active boss', async () => {
    h = await startDomain();
    const r = await register('alice', '杭州云启科技有限公司');
    const res = await importStaff([person('alice', { active: false }), person('carol', { active: false })]);
    expect(await ownerOf(r.registration.id)).toBe('dave');
    expect(res.departures).toMatchObject({ people: 2, moved: 1 });
  });

  it('an approval waiting on the one who left goes up the chain, skipping the requester', async () => {
    h = await startDomain();
    const a = await h.tx((d) => d.approvals.start({ kind: 'test', subjectId: 1, requesterId: 'dave', title: '测试', facts: [], chain: [{ mode: 'any', approvers: ['carol'] }] }));
    await importStaff([person('carol', { active: false })]);
    // carol's boss is dave, who asked: nobody approves their own request.
    expect(await approversOf(a.id)).toEqual(['admin']);
  });

  it('the director leaving: what waits on them goes to the admin', async () => {
    h = await startDomain();
    const carols = await register('carol', '宁波海曙星辰贸易有限公司');
    const approval = (await h.read((d) => d.approvals.pendingOf('registration', carols.registration.id)))!;
    expect(await approversOf(approval.id)).toEqual(['dave']);
    // dave has no manager and no other director: the admin takes over, never carol herself.
    await importStaff([person('dave', { active: false })]);
    expect(await approversOf(approval.id)).toEqual(['admin']);
  });

  it('a person marked 离职 with nothing to hand over changes nothing else', async () => {
    h = await startDomain();
    const res = await importStaff([person('frank', { active: false })]);
    expect(res.departures).toEqual({ people: 0, moved: 0, released: 0, withdrawn: 0, approvals: 0 });
  });
});
