import { eq } from 'drizzle-orm';
import { outbox } from '../../../db/schema';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';

// Issue 11, point 5: a request held by quiet hours must not arrive as "请审批" once it was decided.
describe('an approval request held by quiet hours', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsole({ now: '2026-11-25T22:00:00+08:00' });
  });
  afterEach(() => h.close());

  const rowsOf = (template: string) => h.db.select().from(outbox).all().filter((r) => r.payload.template === template);

  it('is cancelled, not sent, when the approver decided it during the night', async () => {
    const t1 = await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
    expect(t1).toContain('已提交报备「杭州云启科技有限公司」');
    expect(t1).not.toContain('请审批');
    const decided = await h.run(':as carol\n:in 私聊\n:click c1 approve');
    expect(decided).toContain('已通过');

    const morning = await h.run(':advance 12h');
    expect(morning).not.toContain('请审批');
    // The decision itself still reaches the registrant in the morning.
    expect(morning).toContain('已由 陈经理 审批通过');
    const [request] = rowsOf('approval.request');
    expect(request).toMatchObject({ recipientId: 'carol', status: 'cancelled', lastError: '审批已通过，不再发送', sentAt: null });
    // No dead-letter report to the admins.
    expect(rowsOf('delivery.failed')).toHaveLength(0);
  });

  it('an escalation held by the night is not delivered, to the new approver or to the registrant, once it was decided', async () => {
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
    // 48 h later, at 22:00: escalated to 王总 and the registrant told — both held by quiet hours.
    await h.run(':advance 48h 30m');
    expect(rowsOf('approval.escalated').map((r) => r.status)).toEqual(['pending']);
    expect(rowsOf('approval.escalated_requester').map((r) => r.status)).toEqual(['pending']);
    expect(await h.run(':as carol\n:in 私聊\n:click c1 approve')).toContain('已通过');

    const morning = await h.run(':advance 11h');
    expect(morning).not.toContain('已升级');
    expect(rowsOf('approval.escalated').map((r) => r.status)).toEqual(['cancelled']);
    expect(rowsOf('approval.escalated_requester').map((r) => r.status)).toEqual(['cancelled']);
  });

  it('still reaches the next approver of a two-step approval, but not the one who decided', async () => {
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678 预算=150');
    const decided = await h.run(':as carol\n:in 私聊\n:click c1 approve');
    expect(decided).toContain('王总');

    const morning = await h.run(':advance 12h');
    expect(morning).toMatch(/\[2026-11-26 08:30 私聊 王总\] dealguard:\n.*请审批/);
    expect(morning).not.toMatch(/私聊 陈经理\] dealguard:\n.*请审批/);
    const byRecipient = new Map(rowsOf('approval.request').map((r) => [r.recipientId, r.status]));
    expect(byRecipient).toEqual(new Map([['carol', 'cancelled'], ['dave', 'sent']]));
    expect(h.db.select().from(outbox).where(eq(outbox.status, 'dead')).all()).toHaveLength(0);
  });
});
