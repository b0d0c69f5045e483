import { and, eq } from 'drizzle-orm';
import { auditLog, chatGroups } from '../../../db/schema';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';

describe('/绑定群: a bound group is re-bound only by an admin or its team\'s manager', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsole();
  });
  afterEach(async () => {
    await h.close();
  });

  const teamOf = (name: string) => h.db.select().from(chatGroups).where(eq(chatGroups.name, name)).get()?.teamId;
  const bindAudits = (name: string) => {
    const g = h.db.select().from(chatGroups).where(eq(chatGroups.name, name)).get()!;
    return h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'chat_group'), eq(auditLog.subjectId, String(g.id)), eq(auditLog.action, 'group.bind')))
      .all()
      .map((r) => ({ actor: r.actorId, outcome: r.outcome, before: r.before, after: r.after }));
  };

  it('refuses 吴经理 re-binding 管理层群 (bound to 管理层) to his own team, and records it', async () => {
    const out = await h.run(':as erin\n:in 管理层群\n/绑定群 华北');
    expect(out).toContain('⚠️ 本群已绑定到团队「管理层」，只有管理员（管理员）或「管理层」的负责人 王总 可以改绑。');
    expect(teamOf('管理层群')).toBe('管理层');
    expect(bindAudits('管理层群')).toEqual([{ actor: 'erin', outcome: 'refused', before: { team: '管理层' }, after: { team: '华北' } }]);
  });

  it('carol binds a new group to 华东; erin cannot take it for 华北, carol cannot bind it elsewhere; an admin can', async () => {
    const bound = await h.run(':as carol\n:in 华东客户群\n/绑定群 华东');
    expect(bound).toContain('🔗 已把本群（华东客户群）绑定到团队「华东」');
    const taken = await h.run(':as erin\n:in 华东客户群\n/绑定群 华北');
    expect(taken).toContain('⚠️ 本群已绑定到团队「华东」，只有管理员（管理员）或「华东」的负责人 陈经理 可以改绑。');
    expect(taken).toContain('👉 请联系 管理员 改绑本群');
    const notHers = await h.run(':as carol\n:in 华东客户群\n/绑定群 华北');
    expect(notHers).toContain('⚠️ 只有管理员（管理员）或「华北」的负责人 吴经理 可以把群绑定到「华北」。');
    expect(notHers).toContain('👉 /绑定群 华东（你自己的团队）');
    expect(teamOf('华东客户群')).toBe('华东');
    const moved = await h.run(':as admin\n:in 华东客户群\n/绑定群 华北');
    expect(moved).toContain('🔗 已把本群（华东客户群）绑定到团队「华北」（原绑定「华东」）');
    expect(teamOf('华东客户群')).toBe('华北');
    expect(bindAudits('华东客户群')).toEqual([
      { actor: 'carol', outcome: 'ok', before: { team: null }, after: { team: '华东' } },
      { actor: 'erin', outcome: 'refused', before: { team: '华东' }, after: { team: '华北' } },
      { actor: 'carol', outcome: 'refused', before: { team: '华东' }, after: { team: '华北' } },
      { actor: 'admin', outcome: 'ok', before: { team: '华东' }, after: { team: '华北' } },
    ]);
  });

  it('the director who leads 管理层 may bind its group; 华北\'s manager may re-bind his own team\'s group', async () => {
    const dave = await h.run(':as dave\n:in 管理层群\n/绑定群 管理层');
    expect(dave).toContain('🔗 已把本群（管理层群）绑定到团队「管理层」');
    const erin = await h.run(':as erin\n:in 华北销售群\n/绑定群 华北');
    expect(erin).toContain('🔗 已把本群（华北销售群）绑定到团队「华北」');
  });
});
