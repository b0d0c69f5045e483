import { and, asc, count, eq, gte, isNull, like, lte, ne, or } from 'drizzle-orm';
import { first } from '../../storage/unit-of-work';
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
  async expiring(scope: AuthorizationScope, days: number, limit = 200): Promise<{ total: number; items: ExpiringItem[] }> {
    const { db, t } = this.deps.tx;
    const day = today(this.deps.time, this.deps.clock.now());
    const where = and(
      isNull(t.authorizationPeriods.nextPeriodId),
      lte(t.authorizationPeriods.endsOn, addDays(day, days)),
      gte(t.authorizationPeriods.endsOn, addDays(day, -365)),
      or(isNull(t.renewalTasks.stage), ne(t.renewalTasks.stage, 'lost')),
      scopeCondition(scope, t),
    );
    const total =
      first(
        await db
          .select({ n: count() })
          .from(t.authorizationPeriods)
          .innerJoin(t.authorizations, eq(t.authorizations.id, t.authorizationPeriods.authorizationId))
          .leftJoin(t.renewalTasks, eq(t.renewalTasks.periodId, t.authorizationPeriods.id))
          .where(where),
      )?.n ?? 0;
    const rows = await db
      .select({ a: t.authorizations, p: t.authorizationPeriods, t: t.renewalTasks })
      .from(t.authorizationPeriods)
      .innerJoin(t.authorizations, eq(t.authorizations.id, t.authorizationPeriods.authorizationId))
      .leftJoin(t.renewalTasks, eq(t.renewalTasks.periodId, t.authorizationPeriods.id))
      .where(where)
      .orderBy(asc(t.authorizationPeriods.endsOn), asc(t.authorizations.contractNo))
      .limit(limit);
    return { total, items: rows.map((r) => ({ authorization: r.a, period: r.p, ...(r.t ? { task: r.t } : {}) })) };
  }

  /** The renewal funnel over tasks in scope; `year` keeps those whose period ends that year. */
  async funnel(scope: AuthorizationScope, year?: number): Promise<Funnel> {
    const { db, t } = this.deps.tx;
    const rows = await db
      .select({ stage: t.renewalTasks.stage, furthestStage: t.renewalTasks.furthestStage, lossReason: t.renewalTasks.lossReason })
      .from(t.renewalTasks)
      .innerJoin(t.authorizations, eq(t.authorizations.id, t.renewalTasks.authorizationId))
      .innerJoin(t.authorizationPeriods, eq(t.authorizationPeriods.id, t.renewalTasks.periodId))
      .where(and(scopeCondition(scope, t), year ? like(t.authorizationPeriods.endsOn, `${year}-%`) : undefined));
    return funnelOf(rows);
  }
}
