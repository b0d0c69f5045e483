import { DEMO_ORG } from '../../../src/domain/org/demo-org';
import { applyOrg } from '../../../src/domain/org/apply-org';
import type { StaffRow } from '../../../src/domain/org/org-data';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';

describe('离职 in the org import', () => {
  let h: DomainHarness;
  afterEach(() => h.close());

  const person = (id: string, patch: Partial<StaffRow> = {}): StaffRow => ({ ...DEMO_ORG.staff.find((s) => s.id === id)!, ...patch });
  const importStaff = (rows: StaffRow[]) => h.tx(() => applyOrg(h.domain.deps, { staff: rows, groups: [], dealers: [] }, 'admin'));
  const ownerOf = (regId: number) => h.domain.records.registration(regId)!.ownerId;
  const register = (who: string, company: string) => {
    const r = h.tx(() => h.domain.register.register(h.domain.dir.require(who), input(company)));
    if (r.kind !== 'submitted') throw new Error(`not submitted: ${r.kind}`);
    return r;
  };

  it('a manager leaving in the same file as their report: the report\'s customers go to the next active boss', () => {
    h = startDomain();
    const r = register('alice', '杭州云启科技有限公司');
    const res = importStaff([person('alice', { active: false }), person('carol', { active: false })]);
    expect(ownerOf(r.registration.id)).toBe('dave');
    expect(res.departures).toMatchObject({ people: 2, moved: 1 });
  });

  it('an approval waiting on the one who left goes up the chain, skipping the requester', () => {
    h = startDomain();
    const a = h.tx(() => h.domain.approvals.start({ kind: 'test', subjectId: 1, requesterId: 'dave', title: '测试', facts: [], chain: [{ mode: 'any', approvers: ['carol'] }] }));
    importStaff([person('carol', { active: false })]);
    // carol's boss is dave, who asked: nobody approves their own request.
    expect(h.domain.approvals.assignees(h.domain.approvals.steps(a.id)[0]!.id).map((x) => x.staffId)).toEqual(['admin']);
  });

  it('the director leaving: what waits on them goes to the admin', () => {
    h = startDomain();
    const carols = register('carol', '宁波海曙星辰贸易有限公司');
    const approval = h.domain.approvals.pendingOf('registration', carols.registration.id)!;
    expect(h.domain.approvals.assignees(h.domain.approvals.steps(approval.id)[0]!.id).map((a) => a.staffId)).toEqual(['dave']);
    // dave has no manager and no other director: the admin takes over, never carol herself.
    importStaff([person('dave', { active: false })]);
    expect(h.domain.approvals.assignees(h.domain.approvals.steps(approval.id)[0]!.id).map((a) => a.staffId)).toEqual(['admin']);
  });

  it('a person marked 离职 with nothing to hand over changes nothing else', () => {
    h = startDomain();
    const res = importStaff([person('frank', { active: false })]);
    expect(res.departures).toEqual({ people: 0, moved: 0, released: 0, withdrawn: 0, approvals: 0 });
  });
});
