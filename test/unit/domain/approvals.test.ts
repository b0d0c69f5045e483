import { startDomain, type DomainHarness } from '../../support/domain-harness';
import { DomainError } from '../../../src/domain/errors';

describe('generic approval service', () => {
  let h: DomainHarness;
  const decided: string[] = [];
  beforeEach(() => {
    h = startDomain();
    decided.length = 0;
    h.domain.approvals.registerKind('test', {
      onApproved: (a) => decided.push(`approved:${a.subjectId}`),
      onRejected: (a, _by, reason) => decided.push(`rejected:${a.subjectId}:${reason}`),
    });
  });
  afterEach(() => h.close());

  const start = (chain: { mode: 'any' | 'all'; approvers: string[] }[]) =>
    h.tx(() => h.domain.approvals.start({ kind: 'test', subjectId: 7, requesterId: 'alice', title: 't', facts: [], chain }));
  const stepOf = (id: number, idx = 0) => h.domain.approvals.steps(id)[idx]!;
  const decide = (stepId: number, who: string, d: 'approved' | 'rejected', reason?: string) => h.tx(() => h.domain.approvals.decide(stepId, who, d, reason));
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as DomainError).code;
    }
    return 'no error';
  };

  it('any-of: the first approver decides the step', () => {
    const a = start([{ mode: 'any', approvers: ['carol', 'erin'] }]);
    expect(decide(stepOf(a.id).id, 'erin', 'approved').result).toBe('approved');
    expect(decided).toEqual(['approved:7']);
    expect(code(() => decide(stepOf(a.id).id, 'carol', 'approved'))).toBe('already_decided');
  });

  it('all-of: every approver must approve; one rejection rejects', () => {
    const a = start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    expect(decide(stepOf(a.id).id, 'carol', 'approved').result).toBe('recorded');
    expect(decided).toEqual([]);
    expect(decide(stepOf(a.id).id, 'erin', 'approved').result).toBe('approved');
    const b = start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    decide(stepOf(b.id).id, 'carol', 'approved');
    expect(decide(stepOf(b.id).id, 'erin', 'rejected', '资料不全').result).toBe('rejected');
    expect(decided).toEqual(['approved:7', 'rejected:7:资料不全']);
  });

  it('a chain advances step by step and only the current step can be decided', () => {
    const a = start([{ mode: 'any', approvers: ['carol'] }, { mode: 'any', approvers: ['dave'] }]);
    expect(code(() => decide(stepOf(a.id, 1).id, 'dave', 'approved'))).toBe('already_decided');
    expect(decide(stepOf(a.id).id, 'carol', 'approved').result).toBe('advanced');
    expect(decide(stepOf(a.id, 1).id, 'dave', 'approved').result).toBe('approved');
  });

  it('refuses anyone not assigned, a second vote, and a rejection without a reason', () => {
    const a = start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    const s = stepOf(a.id).id;
    expect(code(() => decide(s, 'bob', 'approved'))).toBe('not_approver');
    decide(s, 'carol', 'approved');
    expect(code(() => decide(s, 'carol', 'approved'))).toBe('already_voted');
    expect(code(() => decide(s, 'erin', 'rejected', '  '))).toBe('reason_required');
  });

  it('escalation adds the approver\'s manager, who may then decide for them', () => {
    const a = start([{ mode: 'all', approvers: ['carol', 'erin'] }]);
    const step = stepOf(a.id);
    expect(h.tx(() => h.domain.approvals.escalate(step))).toEqual(['dave']);
    expect(h.tx(() => h.domain.approvals.escalate(step))).toEqual([]);
    decide(step.id, 'carol', 'approved');
    expect(decide(step.id, 'dave', 'approved').result).toBe('approved');
  });

  it('a cancelled approval cannot be decided', () => {
    const a = start([{ mode: 'any', approvers: ['carol'] }]);
    h.tx(() => h.domain.approvals.cancel(a.id, 'admin', '撤回'));
    expect(code(() => decide(stepOf(a.id).id, 'carol', 'approved'))).toBe('already_decided');
    expect(decided).toEqual([]);
  });
});
