import { startDomain, type DomainHarness } from '../../support/domain-harness';
import { DomainError } from '../../../src/domain/errors';

describe('generic approval service', () => {
  let h: DomainHarness;
  const decided: string[] = [];
  beforeEach(async () => {
    h = await startDomain();
    decided.length = 0;
    // Kinds live on each unit of work's ApprovalService, so the test kind is added to every Domain.
    h.root.extend((d) =>
      d.approvals.registerKind('test', {
        onApproved: async (a) => {
          decided.push(`approved:${a.subjectId}`);
        },
        onRejected: async (a, _by, reason) => {
          decided.push(`rejected:${a.subjectId}:${reason}`);
        },
      }),
    );
  });
  afterEach(() => h.close());

  const start = (chain: { mode: 'any' | 'all'; approvers: string[] }[]) =>
    h.tx((d) => d.approvals.start({ kind: 'test', subjectId: 7, requesterId: 'alice', title: 't', facts: [], chain }));
  const stepOf = async (id: number, idx = 0) => (await h.read((d) => d.approvals.steps(id)))[idx]!;
  const decide = (stepId: number, who: string, d: 'approved' | 'rejected', reason?: string) => h.tx((dom) => dom.approvals.decide(stepId, who, d, reason));
  const code = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      return (e as DomainError).code;
    }
    return 'no error';
  };

  it('any-of: the first approver decides the step', async () => {
    const a = await start([{ mode: 'any', approvers: ['carol', 'erin'] }]);
    expect((await decide((await stepOf(a.id)).id, 'erin', 'approved')).result).toBe('approved');
    expect(decided).toEqual(['approved:7']);
    expect(await code(async () => decide((await stepOf(a.id)).id, 'carol', 'approved'))).toBe('already_decided');
  });

  it('all-of: every approver must approve; one rejection rejects', async () => {
    const a = await start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    expect((await decide((await stepOf(a.id)).id, 'carol', 'approved')).result).toBe('recorded');
    expect(decided).toEqual([]);
    expect((await decide((await stepOf(a.id)).id, 'erin', 'approved')).result).toBe('approved');
    const b = await start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    await decide((await stepOf(b.id)).id, 'carol', 'approved');
    expect((await decide((await stepOf(b.id)).id, 'erin', 'rejected', '资料不全')).result).toBe('rejected');
    expect(decided).toEqual(['approved:7', 'rejected:7:资料不全']);
  });

  it('a chain advances step by step and only the current step can be decided', async () => {
    const a = await start([{ mode: 'any', approvers: ['carol'] }, { mode: 'any', approvers: ['dave'] }]);
    expect(await code(async () => decide((await stepOf(a.id, 1)).id, 'dave', 'approved'))).toBe('already_decided');
    expect((await decide((await stepOf(a.id)).id, 'carol', 'approved')).result).toBe('advanced');
    expect((await decide((await stepOf(a.id, 1)).id, 'dave', 'approved')).result).toBe('approved');
  });

  it('refuses anyone not assigned, a second vote, and a rejection without a reason', async () => {
    const a = await start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    const s = (await stepOf(a.id)).id;
    expect(await code(() => decide(s, 'bob', 'approved'))).toBe('not_approver');
    await decide(s, 'carol', 'approved');
    expect(await code(() => decide(s, 'carol', 'approved'))).toBe('already_voted');
    expect(await code(() => decide(s, 'erin', 'rejected', '  '))).toBe('reason_required');
  });

  it('escalation adds the approver\'s manager, who may then decide for them', async () => {
    const a = await start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    const step = await stepOf(a.id);
    expect(await h.tx((d) => d.approvals.escalate(step))).toEqual(['dave']);
    expect(await h.tx((d) => d.approvals.escalate(step))).toEqual([]);
    await decide(step.id, 'carol', 'approved');
    expect((await decide(step.id, 'dave', 'approved')).result).toBe('approved');
  });

  it('a cancelled approval cannot be decided', async () => {
    const a = await start([{ mode: 'any', approvers: ['carol'] }]);
    await h.tx((d) => d.approvals.cancel(a.id, 'admin', '撤回'));
    expect(await code(async () => decide((await stepOf(a.id)).id, 'carol', 'approved'))).toBe('already_decided');
    expect(decided).toEqual([]);
  });
});
