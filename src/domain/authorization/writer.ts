import { eq, sql } from 'drizzle-orm';
import { only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import { recordAudit } from '../audit/audit';
import type { IsoDate } from './dates';
import { isClosed } from './stages';
import type { AuthorizationStore } from './store';
import type { AuthorizationRow, PeriodRow } from './types';

/** An authorization as a sheet row states it: the contract and its current period. */
export interface AuthorizationInput {
  dealer: string;
  contractNo: string;
  productLines: string[];
  regions: string[];
  tier?: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  ownerId: string;
  contactName?: string;
  contactPhone?: string;
}

export type UpsertPlan =
  | { kind: 'create' }
  | { kind: 'unchanged' }
  /** Attributes and/or the current period's end date corrected. */
  | { kind: 'update'; existing: AuthorizationRow; latest: PeriodRow; fields: Partial<AuthorizationRow>; endsOn?: IsoDate }
  /** A later period than the one on file: recorded as a renewal. */
  | { kind: 'append'; existing: AuthorizationRow; latest: PeriodRow; fields: Partial<AuthorizationRow> }
  | { kind: 'refuse'; column: string; reason: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Writes authorizations from an import, keyed by 合同编号: a new number is created, a known one
 * is corrected or gets its next period, and the same row twice changes nothing.
 */
export class AuthorizationWriter {
  constructor(
    private readonly deps: DomainDeps,
    private readonly store: AuthorizationStore,
  ) {}

  /** What applying this row would do; reads only, so a whole file can be checked first. */
  async plan(input: AuthorizationInput): Promise<UpsertPlan> {
    const existing = await this.store.byContract(input.contractNo);
    if (!existing) return { kind: 'create' };
    if (existing.dealerId !== input.dealer) {
      return { kind: 'refuse', column: '代理商名称', reason: `合同编号 ${existing.contractNo} 已属于代理商「${existing.dealerId}」，不能改为「${input.dealer}」` };
    }
    const periods = await this.store.periods(existing.id);
    const latest = periods[periods.length - 1]!;
    const fields = this.changedFields(existing, input);
    if (input.startsOn === latest.startsOn) {
      const endsOn = input.endsOn !== latest.endsOn ? input.endsOn : undefined;
      if (!endsOn && Object.keys(fields).length === 0) return { kind: 'unchanged' };
      return { kind: 'update', existing, latest, fields, ...(endsOn ? { endsOn } : {}) };
    }
    if (input.startsOn > latest.endsOn) return { kind: 'append', existing, latest, fields };
    if (periods.some((p) => p.startsOn === input.startsOn)) {
      return { kind: 'refuse', column: '起始日期', reason: `合同 ${existing.contractNo} 已续约到新授权期（${latest.startsOn} 至 ${latest.endsOn}），本行的授权期已过时` };
    }
    return {
      kind: 'refuse',
      column: '起始日期',
      reason: `起始日期与系统中的授权期（${latest.startsOn} 至 ${latest.endsOn}）不一致；新授权期应从 ${latest.endsOn} 之后开始`,
    };
  }

  async apply(input: AuthorizationInput, plan: UpsertPlan, actorId: string): Promise<void> {
    if (plan.kind === 'create') await this.create(input, actorId);
    else if (plan.kind === 'update') await this.update(plan, actorId);
    else if (plan.kind === 'append') await this.append(input, plan, actorId);
  }

  private changedFields(a: AuthorizationRow, input: AuthorizationInput): Partial<AuthorizationRow> {
    const want: Partial<AuthorizationRow> = editableFields(input);
    return Object.fromEntries(Object.entries(want).filter(([k, v]) => !same(a[k as keyof AuthorizationRow], v)));
  }

  private async create(input: AuthorizationInput, actorId: string): Promise<void> {
    const tx = this.deps.tx;
    const now = this.deps.clock.now();
    const p = (name: string) => sql.placeholder(name);
    // Prepared: an import creates tens of thousands of these in a row.
    const insertDealer = tx.prepared('authz.dealer.insert', (db, t) =>
      db.insert(t.dealers).values({ id: p('name'), name: p('name'), channelManagerId: p('cm'), regions: p('regions') }).onConflictDoNothing().prepare(),
    );
    const insertAuthorization = tx.prepared('authz.insert', (db, t) =>
      db
        .insert(t.authorizations)
        .values({
          contractNo: p('contractNo'), dealerId: p('dealerId'), productLines: p('productLines'), regions: p('regions'), tier: p('tier'), ownerId: p('ownerId'),
          contactName: p('contactName'), contactPhone: p('contactPhone'), createdAt: p('now'), updatedAt: p('now'),
        })
        .returning({ id: t.authorizations.id })
        .prepare(),
    );
    const insertPeriod = tx.prepared('authz.period.insert', (db, t) =>
      db.insert(t.authorizationPeriods).values({ authorizationId: p('id'), seq: 1, startsOn: p('startsOn'), endsOn: p('endsOn'), createdAt: p('now') }).prepare(),
    );
    // A dealer first met in an authorization: its 负责人 is its channel manager until the org file says otherwise.
    await insertDealer.run({ name: input.dealer, cm: input.ownerId, regions: [] });
    const a = only(await insertAuthorization.all({ contractNo: input.contractNo, dealerId: input.dealer, ...editableFields(input), now }));
    await insertPeriod.run({ id: a.id, startsOn: input.startsOn, endsOn: input.endsOn, now });
    await recordAudit(this.deps, {
      actorId,
      action: 'authorization.create',
      subjectType: 'authorization',
      subjectId: a.id,
      after: { contractNo: input.contractNo, dealer: input.dealer, period: `${input.startsOn}~${input.endsOn}`, owner: input.ownerId },
    });
  }

  private async update(plan: Extract<UpsertPlan, { kind: 'update' }>, actorId: string): Promise<void> {
    const { db, t } = this.deps.tx;
    const { existing, latest, fields, endsOn } = plan;
    await this.setFields(existing, fields);
    if (endsOn) {
      // A corrected end date re-arms the milestones (their notice keys carry the end date).
      await db.update(t.authorizationPeriods).set({ endsOn, sweptMilestone: null, expiredAt: null }).where(eq(t.authorizationPeriods.id, latest.id));
    }
    await recordAudit(this.deps, {
      actorId,
      action: 'authorization.update',
      subjectType: 'authorization',
      subjectId: existing.id,
      before: { ...pick(existing, fields), ...(endsOn ? { endsOn: latest.endsOn } : {}) },
      after: { ...fields, ...(endsOn ? { endsOn } : {}) },
    });
  }

  private async append(input: AuthorizationInput, plan: Extract<UpsertPlan, { kind: 'append' }>, actorId: string): Promise<void> {
    const { db, t } = this.deps.tx;
    const { existing, latest, fields } = plan;
    const now = this.deps.clock.now();
    await this.setFields(existing, fields);
    const next = only(
      await db
        .insert(t.authorizationPeriods)
        .values({ authorizationId: existing.id, seq: latest.seq + 1, startsOn: input.startsOn, endsOn: input.endsOn, createdAt: now })
        .returning({ id: t.authorizationPeriods.id }),
    );
    await db.update(t.authorizationPeriods).set({ nextPeriodId: next.id }).where(eq(t.authorizationPeriods.id, latest.id));
    const task = await this.store.taskOfPeriod(latest.id);
    if (task && !isClosed(task.stage)) {
      await db.update(t.renewalTasks).set({ stage: 'paid', furthestStage: 'paid', stageChangedAt: now, stageChangedBy: actorId, closedAt: now }).where(eq(t.renewalTasks.id, task.id));
    }
    await recordAudit(this.deps, {
      actorId,
      action: 'authorization.renew',
      subjectType: 'authorization',
      subjectId: existing.id,
      before: { period: `${latest.startsOn}~${latest.endsOn}` },
      after: { period: `${input.startsOn}~${input.endsOn}`, ...fields },
      detail: '导入新授权期',
    });
  }

  private async setFields(a: AuthorizationRow, fields: Partial<AuthorizationRow>): Promise<void> {
    if (Object.keys(fields).length === 0) return;
    const { db, t } = this.deps.tx;
    await db.update(t.authorizations).set({ ...fields, updatedAt: this.deps.clock.now() }).where(eq(t.authorizations.id, a.id));
  }
}

function pick(a: AuthorizationRow, fields: Partial<AuthorizationRow>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, a[k as keyof AuthorizationRow]]));
}

/** The columns a later import of the same 合同编号 may change. */
function editableFields(input: AuthorizationInput) {
  return {
    productLines: input.productLines,
    regions: input.regions,
    tier: input.tier ?? null,
    ownerId: input.ownerId,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
  };
}
