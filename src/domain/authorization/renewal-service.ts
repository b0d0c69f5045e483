import { eq } from 'drizzle-orm';
import { only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import { recordAudit } from '../audit/audit';
import { DomainError } from '../errors';
import { daysBetween, nextPeriodDates, today, type IsoDate } from './dates';
import { isClosed, reached, stageRank, STAGE_CHOICES, STAGE_ZH, type RenewalStage } from './stages';
import type { AuthorizationStore } from './store';
import { openRenewalTask } from './tasks';
import type { AuthorizationRow, PeriodRow, RenewalTaskRow } from './types';

export interface StageChange {
  contractNo: string;
  stage: RenewalStage;
  note?: string;
  /** Required for 流失: one of rules.authorization.lossReasons. */
  lossReason?: string;
  /** For 回款: the next period's dates (default: the day after the end, same length). */
  startsOn?: IsoDate;
  endsOn?: IsoDate;
}

export interface StageChanged {
  authorization: AuthorizationRow;
  task: RenewalTaskRow;
  before: RenewalStage;
  /** The period a paid renewal created. */
  next?: PeriodRow;
}

/** Moves a renewal along its stages; 回款 starts the next period, 流失 closes it with a reason. */
export class RenewalService {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly store: AuthorizationStore,
  ) {}

  /** The 负责人, anyone above them, the dealer's channel manager, directors and admins. */
  async mayChange(actor: Staff, a: AuthorizationRow): Promise<boolean> {
    if (actor.role === 'director' || actor.role === 'admin' || actor.id === a.ownerId) return true;
    if ((await this.dir.dealer(a.dealerId))?.channelManagerId === actor.id) return true;
    const owner = await this.dir.get(a.ownerId);
    return actor.role === 'manager' && !!owner && (await this.dir.isAbove(actor, owner));
  }

  async change(actor: Staff, c: StageChange): Promise<StageChanged> {
    const a = await this.store.byContract(c.contractNo);
    if (!a) throw new DomainError('unknown_contract', `没有合同编号为「${c.contractNo}」的代理授权。`, { hint: '/授权 <代理商名>（查看合同编号）' });
    const audit = { details: { audit: { subjectType: 'authorization', subjectId: a.id, action: 'renewal.stage' } } };
    if (!(await this.mayChange(actor, a))) {
      const owner = (await this.dir.get(a.ownerId))?.name ?? a.ownerId;
      throw new DomainError('forbidden', `只有负责人 ${owner}、其上级、渠道经理、总监或管理员可以推进「${a.dealerId}」的续约。`, audit);
    }
    const periods = await this.store.periods(a.id);
    const latest = periods[periods.length - 1]!;
    const now = this.deps.clock.now();
    if (periods.length > 1 && latest.startsOn > today(this.deps.time, now)) {
      throw new DomainError('already_renewed', `「${a.dealerId}」（${a.contractNo}）已续约，新授权期 ${latest.startsOn} 至 ${latest.endsOn}，开始后才能开启下一次续约。`, audit);
    }
    const task = await openRenewalTask(this.deps, this.store, a, latest, actor.id);
    const from = task.stage;
    if (isClosed(from)) {
      throw new DomainError('renewal_closed', `「${a.dealerId}」本期续约已${from === 'lost' ? `流失（${task.lossReason ?? ''}）` : '回款完成'}，不能再修改。`, audit);
    }
    if (c.stage === from) throw new DomainError('same_stage', `「${a.dealerId}」的续约已经是「${STAGE_ZH[from]}」阶段。`, { hint: `/续约 ${a.contractNo} <${STAGE_CHOICES}>`, ...audit });
    if (c.stage !== 'lost' && stageRank(c.stage) < stageRank(from)) {
      throw new DomainError('stage_back', `续约不能从「${STAGE_ZH[from]}」退回到「${STAGE_ZH[c.stage]}」。`, { hint: `/续约 ${a.contractNo} <${STAGE_CHOICES}>`, ...audit });
    }
    const reasons = this.deps.rules.authorization.lossReasons;
    if (c.stage === 'lost' && (!c.lossReason || !reasons.includes(c.lossReason))) {
      throw new DomainError('loss_reason', `流失需要写明原因，可选：${reasons.join('、')}。`, { hint: `/续约 ${a.contractNo} 流失 ${reasons[0]} [备注]`, ...audit });
    }
    const next = c.stage === 'paid' ? await this.startNextPeriod(actor, a, latest, c) : undefined;
    const furthest = c.stage !== 'lost' && stageRank(c.stage) > stageRank(task.furthestStage) ? c.stage : task.furthestStage;
    const { db, t } = this.deps.tx;
    const updated = only(
      await db
        .update(t.renewalTasks)
        .set({
          stage: c.stage,
          furthestStage: furthest,
          stageChangedAt: now,
          stageChangedBy: actor.id,
          note: c.note ?? task.note,
          lossReason: c.stage === 'lost' ? c.lossReason! : null,
          closedAt: isClosed(c.stage) ? now : null,
        })
        .where(eq(t.renewalTasks.id, task.id))
        .returning(),
    );
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'renewal.stage',
      subjectType: 'authorization',
      subjectId: a.id,
      before: { stage: STAGE_ZH[from] },
      after: { stage: STAGE_ZH[c.stage], ...(c.lossReason && c.stage === 'lost' ? { reason: c.lossReason } : {}), ...(next ? { period: `${next.startsOn}~${next.endsOn}` } : {}) },
      ...(c.note ? { detail: c.note } : {}),
    });
    return { authorization: a, task: updated, before: from, ...(next ? { next } : {}) };
  }

  private async startNextPeriod(actor: Staff, a: AuthorizationRow, latest: PeriodRow, c: StageChange): Promise<PeriodRow> {
    const dates = nextPeriodDates(latest, { ...(c.startsOn ? { startsOn: c.startsOn } : {}), ...(c.endsOn ? { endsOn: c.endsOn } : {}) });
    const hint = `/续约 ${a.contractNo} 回款 新到期=${dates.endsOn}`;
    if (dates.startsOn <= latest.startsOn) throw new DomainError('bad_dates', `新授权期的起始日期 ${dates.startsOn} 必须晚于本期起始 ${latest.startsOn}。`, { hint });
    if (daysBetween(dates.startsOn, dates.endsOn) < 1) {
      throw new DomainError('bad_dates', `新授权期的到期日期 ${dates.endsOn} 必须晚于起始日期 ${dates.startsOn}。`, { hint });
    }
    const now = this.deps.clock.now();
    const { db, t } = this.deps.tx;
    const next = only(
      await db
        .insert(t.authorizationPeriods)
        .values({ authorizationId: a.id, seq: latest.seq + 1, startsOn: dates.startsOn, endsOn: dates.endsOn, createdAt: now })
        .returning(),
    );
    await db.update(t.authorizationPeriods).set({ nextPeriodId: next.id }).where(eq(t.authorizationPeriods.id, latest.id));
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'authorization.renew',
      subjectType: 'authorization',
      subjectId: a.id,
      before: { period: `${latest.startsOn}~${latest.endsOn}` },
      after: { period: `${next.startsOn}~${next.endsOn}` },
    });
    return next;
  }
}

/** Whether a milestone that lasts "until" a stage still applies to this renewal. */
export function stillBefore(stage: RenewalStage, until: RenewalStage): boolean {
  return stage !== 'lost' && !reached(stage, until);
}
