import { reached, type RenewalStage } from './stages';

export interface Funnel {
  /** 应续约: renewal tasks opened. */
  due: number;
  /** 已启动: reached 意向确认. */
  started: number;
  /** 已报价 */
  quoted: number;
  /** 已签约: reached 合同 (the stage the T-30 escalation calls signed). */
  signed: number;
  /** 已回款: the next period started. */
  paid: number;
  /** 流失, by reason, most first. */
  lost: { reason: string; count: number }[];
}

/** Each task counts at the furthest stage it reached, so a renewal lost after 报价 still counts as 已报价. */
export function funnelOf(tasks: { stage: RenewalStage; furthestStage: RenewalStage; lossReason: string | null }[]): Funnel {
  const f: Funnel = { due: tasks.length, started: 0, quoted: 0, signed: 0, paid: 0, lost: [] };
  const lost = new Map<string, number>();
  for (const t of tasks) {
    if (reached(t.furthestStage, 'intent')) f.started++;
    if (reached(t.furthestStage, 'quote')) f.quoted++;
    if (reached(t.furthestStage, 'contract')) f.signed++;
    if (t.stage === 'paid') f.paid++;
    if (t.stage === 'lost') lost.set(t.lossReason ?? '未注明', (lost.get(t.lossReason ?? '未注明') ?? 0) + 1);
  }
  f.lost = [...lost.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return f;
}
