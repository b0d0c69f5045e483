import { and, asc, eq, gte, isNull, like, lte, ne, or, sql } from 'drizzle-orm';
import { authorizationPeriods, authorizations, renewalTasks } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import { addDays, today } from './dates';
import { funnelOf, type Funnel } from './funnel';
import { scopeCondition, type AuthorizationScope } from './scope';
import type { AuthorizationRow, PeriodRow, RenewalTaskRow } from './types';

export interface ExpiringItem {
  authorization: AuthorizationRow;
  period: PeriodRow;
  task?: RenewalTaskRow;
}

/** Lists over many authorizations, always within a viewer's scope. */
export class AuthorizationQueries {
  constructor(private readonly deps: DomainDeps) {}

  /**
   * Periods still to renew that end within `days` (soonest first), and those that already
   * lapsed in the last year unless their renewal was lost: they are the most urgent of all.
   */
  expiring(scope: AuthorizationScope, days: number, limit = 200): { total: number; items: ExpiringItem[] } {
    const day = today(this.deps.time, this.deps.clock.now());
    const where = and(
      isNull(authorizationPeriods.nextPeriodId),
      lte(authorizationPeriods.endsOn, addDays(day, days)),
      gte(authorizationPeriods.endsOn, addDays(day, -365)),
      or(isNull(renewalTasks.stage), ne(renewalTasks.stage, 'lost')),
      scopeCondition(scope),
    );
    const base = this.deps.db
      .select({ a: authorizations, p: authorizationPeriods, t: renewalTasks })
      .from(authorizationPeriods)
      .innerJoin(authorizations, eq(authorizations.id, authorizationPeriods.authorizationId))
      .leftJoin(renewalTasks, eq(renewalTasks.periodId, authorizationPeriods.id))
      .where(where);
    const total =
      this.deps.db
        .select({ n: sql<number>`count(*)` })
        .from(authorizationPeriods)
        .innerJoin(authorizations, eq(authorizations.id, authorizationPeriods.authorizationId))
        .leftJoin(renewalTasks, eq(renewalTasks.periodId, authorizationPeriods.id))
        .where(where)
        .get()?.n ?? 0;
    const rows = base.orderBy(asc(authorizationPeriods.endsOn), asc(authorizations.contractNo)).limit(limit).all();
    return { total, items: rows.map((r) => ({ authorization: r.a, period: r.p, ...(r.t ? { task: r.t } : {}) })) };
  }

  /** The renewal funnel over tasks in scope; `year` keeps those whose period ends that year. */
  funnel(scope: AuthorizationScope, year?: number): Funnel {
    const rows = this.deps.db
      .select({ stage: renewalTasks.stage, furthestStage: renewalTasks.furthestStage, lossReason: renewalTasks.lossReason })
      .from(renewalTasks)
      .innerJoin(authorizations, eq(authorizations.id, renewalTasks.authorizationId))
      .innerJoin(authorizationPeriods, eq(authorizationPeriods.id, renewalTasks.periodId))
      .where(and(scopeCondition(scope), year ? like(authorizationPeriods.endsOn, `${year}-%`) : undefined))
      .all();
    return funnelOf(rows);
  }
}
