import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { auditLog } from '../../../db/schema';
import { ACTION_ZH, actionText, historyLine } from '../../../src/bot/render/history';
import { END_REASON_ZH } from '../../../src/bot/render/format';
import { startDomain, type DomainHarness } from '../../support/domain-harness';

type AuditRow = typeof auditLog.$inferSelect;

/** Anything a reader should never see in /客户 history: action codes, key=code, snake_case, staff ids. */
const INTERNAL = [/[a-z_]+\.[a-z_]+/, /=[a-z]/, /[a-z]+_[a-z]+/, /\b(?:alice|bob|carol|dave|erin|frank|pat|admin|system)\b/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every audit action written with a literal name anywhere in src/ (recordAudit, refusal details, protect()). */
function literalActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(join(__dirname, '../../../src'))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/action:\s*[`']([a-z_]+\.[a-z_]+)[`']/g)) found.add(m[1]!);
    for (const m of code.matchAll(/protect\([^;]*?'([a-z_]+\.[a-z_]+)'\)/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

/** The actions written from a template, with every value the code passes. */
const TEMPLATED = ['approval.approved', 'approval.rejected', 'blocked.dispute', 'blocked.collaborate', 'confirm.confirm', 'confirm.cancel'];

const BEFORE = { status: 'pending', owner: 'alice', step: 0, protectedUntil: '2026-12-25 10:00', extensionsUsed: 0, registrationId: 3, stage: '待启动', period: '2025-01-01~2025-12-31', team: null };
const AFTER = {
  status: 'protected', owner: 'bob', reason: 'expired', decision: 'approved', kind: 'extension', chain: ['any:carol', 'all:carol+dave'], approvers: 'carol → dave',
  from: 'carol,erin', to: 'dave', collaborator: 'bob', attributedTo: 'alice', amount: 125_000, keyAccount: true, mobile: '138****5678', orderId: 4, subjectId: 5,
  pool: true, protectedUntil: '2027-01-09 10:00', extensionsUsed: 1, stage: 'not_started', content: '上门拜访，客户关注报价', registeredAt: '2026-01-05', team: '华东',
};

describe('/客户 history in words', () => {
  let h: DomainHarness;
  beforeAll(async () => {
    h = await startDomain();
  });
  afterAll(() => h.close());

  let id = 0;
  const row = (action: string, over: Partial<AuditRow> = {}): AuditRow => ({
    id: ++id, at: new Date('2026-11-25T02:00:00Z'), actorId: 'carol', action, outcome: 'ok', subjectType: 'registration', subjectId: '1', before: BEFORE, after: AFTER, detail: null, ...over,
  });
  const line = (r: AuditRow) => h.read((d) => historyLine(d, r));
  const expectReadable = (text: string) => {
    for (const bad of INTERNAL) expect({ text, bad: bad.test(text) ? String(bad) : 'none' }).toEqual({ text, bad: 'none' });
  };

  it('has words for every audit action the code writes', () => {
    const actions = literalActions();
    expect(actions.length).toBeGreaterThan(25);
    // A new action needs a Chinese name in ACTION_ZH (src/bot/render/history.ts).
    expect(actions.filter((a) => !(a in ACTION_ZH))).toEqual([]);
    for (const a of TEMPLATED) expect(ACTION_ZH[a]).toBeDefined();
  });

  it('renders every action, done or refused, with no internal code', async () => {
    for (const action of [...literalActions(), ...TEMPLATED, 'command.认领', 'card.approval.approve']) {
      expectReadable(await line(row(action)));
      expectReadable(await line(row(action, { outcome: 'refused', before: null, after: null, detail: 'claim_limit: 你今天已认领 3 个客户，每人每天最多 3 个，明天再来。' })));
    }
  });

  it('says statuses, people, reasons, approval kinds and before → after in words', async () => {
    const text = await line(row('handover.move', { before: { owner: 'alice' }, after: { owner: 'bob' } }));
    expect(text).toContain('陈经理 转交 负责人：李雷 → 韩梅梅');
    expect(await line(row('registration.approve', { before: { status: 'pending' }, after: { status: 'protected', protectedUntil: '2026-12-25 10:00' } }))).toContain(
      '报备通过 状态：待审批 → 保护中，保护期至：2026-12-25 10:00',
    );
    for (const [code, words] of Object.entries(END_REASON_ZH)) {
      expect(await line(row('registration.release', { before: { status: 'protected', owner: 'alice' }, after: { status: 'released', reason: code, pool: true } }))).toContain(`原因：${words}`);
    }
    expect(await line(row('approval.start', { before: null, after: { kind: 'extension', subjectId: 1, chain: ['any:carol'] } }))).toContain('提交审批 类型：延期，审批流程：陈经理');
    expect(await line(row('approval.start', { before: null, after: { kind: 'registration', chain: ['any:carol', 'all:carol+dave'] } }))).toContain('审批流程：陈经理 → 陈经理、王总（会签）');
    expect(await line(row('order.create', { before: { status: 'protected' }, after: { status: 'won', orderId: 1, amount: 125_000, attributedTo: 'alice' } }))).toContain(
      '登记成交 状态：保护中 → 已成交，业绩归属：李雷，金额：12.5 万元',
    );
    expect(await line(row('approval.escalate', { actorId: 'system', before: null, after: { step: 0, from: 'carol', to: 'dave' } }))).toContain('系统 审批超时，升级处理 审批：第 1 级，原审批人：陈经理，升级给：王总');
  });

  it('says why a command was refused in words, never by its code', async () => {
    const text = await line(row('pool.claim', { actorId: 'bob', outcome: 'refused', before: null, after: null, detail: 'claim_limit: 你今天已认领 3 个客户，每人每天最多 3 个，明天再来。' }));
    expect(text).toContain('韩梅梅 【被拒绝】从公海认领：今日认领次数已用完（你今天已认领 3 个客户');
    expect(await line(row('extension.request', { outcome: 'refused', before: null, after: null, detail: 'some_new_code: 保护期最后 7 天才能申请延期。' }))).toContain('【被拒绝】申请延期：保护期最后 7 天才能申请延期。');
  });

  it('reads an action, a field or a value it does not know as words, never as its code', async () => {
    expect(actionText('registration.frozen')).toBe('报备相关操作');
    expect(actionText('widget.frobnicate')).toBe('其他操作');
    const text = await line(row('widget.frobnicate', { before: { status: 'frozen', secretCode: 'x_y' }, after: { status: 'thawed', flag_z: true, reason: 'auto_thaw' } }));
    expectReadable(text);
    expect(text).toContain('其他操作');
  });
});
