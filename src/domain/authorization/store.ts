import { asc, desc, eq, or, sql } from 'drizzle-orm';
import { first } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import { parseCompanyName } from '../dedup';
import { containsText } from '../registration/lookup';
import { normalizeContractNo, type AuthorizationRow, type AuthorizationView, type PeriodRow, type RenewalTaskRow } from './types';

/** Reads authorizations, their periods and renewal tasks. */
export class AuthorizationStore {
  constructor(private readonly deps: DomainDeps) {}

  async byContract(contractNo: string): Promise<AuthorizationRow | undefined> {
    return await this.deps.tx
      .prepared('authz.byContract', (db, t) => db.select().from(t.authorizations).where(eq(t.authorizations.contractNo, sql.placeholder('no'))).prepare())
      .get({ no: normalizeContractNo(contractNo) });
  }

  async byId(id: number): Promise<AuthorizationRow | undefined> {
    const { db, t } = this.deps.tx;
    return first(await db.select().from(t.authorizations).where(eq(t.authorizations.id, id)));
  }

  async periods(authorizationId: number): Promise<PeriodRow[]> {
    return await this.deps.tx
      .prepared('authz.periods', (db, t) =>
        db.select().from(t.authorizationPeriods).where(eq(t.authorizationPeriods.authorizationId, sql.placeholder('id'))).orderBy(asc(t.authorizationPeriods.seq)).prepare(),
      )
      .all({ id: authorizationId });
  }

  async period(id: number): Promise<PeriodRow | undefined> {
    const { db, t } = this.deps.tx;
    return first(await db.select().from(t.authorizationPeriods).where(eq(t.authorizationPeriods.id, id)));
  }

  async taskOfPeriod(periodId: number): Promise<RenewalTaskRow | undefined> {
    return await this.deps.tx
      .prepared('authz.taskOfPeriod', (db, t) => db.select().from(t.renewalTasks).where(eq(t.renewalTasks.periodId, sql.placeholder('id'))).prepare())
      .get({ id: periodId });
  }

  async view(a: AuthorizationRow): Promise<AuthorizationView> {
    const periods = await this.periods(a.id);
    const latest = periods[periods.length - 1]!;
    const task = await this.taskOfPeriod(latest.id);
    return { authorization: a, periods, latest, ...(task ? { task } : {}) };
  }

  /**
   * A dealer's authorizations with every period (one prepared query: the dealer guards run on
   * every registration and claim by a dealer's people).
   */
  async periodsOfDealer(dealerId: string): Promise<{ a: AuthorizationRow; p: PeriodRow }[]> {
    return await this.deps.tx
      .prepared('authz.periodsOfDealer', (db, t) =>
        db
          .select({ a: t.authorizations, p: t.authorizationPeriods })
          .from(t.authorizations)
          .innerJoin(t.authorizationPeriods, eq(t.authorizationPeriods.authorizationId, t.authorizations.id))
          .where(eq(t.authorizations.dealerId, sql.placeholder('dealer')))
          .orderBy(asc(t.authorizations.id), asc(t.authorizationPeriods.seq))
          .prepare(),
      )
      .all({ dealer: dealerId });
  }

  /**
   * Authorizations the way people name them: the exact 合同编号, else part of the dealer's name or
   * of the number, else the dealer's 字号 (杭州云启科技有限公司 finds 云启科技).
   */
  async find(query: string, limit = 10): Promise<AuthorizationRow[]> {
    const exact = await this.byContract(query);
    if (exact) return [exact];
    const q = query.normalize('NFKC').replace(/\s+/g, '');
    if (!q) return [];
    const { db, t } = this.deps.tx;
    const search = (text: string) =>
      db
        .select()
        .from(t.authorizations)
        .where(or(containsText(t.authorizations.dealerId, text), containsText(t.authorizations.contractNo, text.toUpperCase())))
        .orderBy(asc(t.authorizations.dealerId), desc(t.authorizations.id))
        .limit(limit);
    const found = await search(q);
    if (found.length > 0) return found;
    const core = parseCompanyName(q).core;
    return core && core !== q && core.length >= 2 ? await search(core) : [];
  }
}
