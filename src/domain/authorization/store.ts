import { asc, desc, eq, like, or, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { authorizationPeriods, authorizations, renewalTasks } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import { parseCompanyName } from '../dedup';
import { normalizeContractNo, type AuthorizationRow, type AuthorizationView, type PeriodRow, type RenewalTaskRow } from './types';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Reads authorizations, their periods and renewal tasks. */
export class AuthorizationStore {
  constructor(private readonly deps: DomainDeps) {}

  byContract(contractNo: string): AuthorizationRow | undefined {
    const db = this.deps.db;
    return prepared(db, 'authz.byContract', () => db.select().from(authorizations).where(eq(authorizations.contractNo, sql.placeholder('no'))).prepare()).get({
      no: normalizeContractNo(contractNo),
    });
  }

  byId(id: number): AuthorizationRow | undefined {
    return this.deps.db.select().from(authorizations).where(eq(authorizations.id, id)).get();
  }

  periods(authorizationId: number): PeriodRow[] {
    const db = this.deps.db;
    return prepared(db, 'authz.periods', () =>
      db.select().from(authorizationPeriods).where(eq(authorizationPeriods.authorizationId, sql.placeholder('id'))).orderBy(asc(authorizationPeriods.seq)).prepare(),
    ).all({ id: authorizationId });
  }

  period(id: number): PeriodRow | undefined {
    return this.deps.db.select().from(authorizationPeriods).where(eq(authorizationPeriods.id, id)).get();
  }

  taskOfPeriod(periodId: number): RenewalTaskRow | undefined {
    const db = this.deps.db;
    return prepared(db, 'authz.taskOfPeriod', () => db.select().from(renewalTasks).where(eq(renewalTasks.periodId, sql.placeholder('id'))).prepare()).get({ id: periodId });
  }

  view(a: AuthorizationRow): AuthorizationView {
    const periods = this.periods(a.id);
    const latest = periods[periods.length - 1]!;
    const task = this.taskOfPeriod(latest.id);
    return { authorization: a, periods, latest, ...(task ? { task } : {}) };
  }

  ofDealer(dealerId: string): AuthorizationRow[] {
    const db = this.deps.db;
    return prepared(db, 'authz.ofDealer', () => db.select().from(authorizations).where(eq(authorizations.dealerId, sql.placeholder('dealer'))).prepare()).all({ dealer: dealerId });
  }

  /**
   * Authorizations the way people name them: the exact 合同编号, else part of the dealer's name or
   * of the number, else the dealer's 字号 (杭州云启科技有限公司 finds 云启科技).
   */
  find(query: string, limit = 10): AuthorizationRow[] {
    const exact = this.byContract(query);
    if (exact) return [exact];
    const q = query.normalize('NFKC').replace(/\s+/g, '');
    if (!q) return [];
    const db = this.deps.db;
    const search = (text: string) =>
      db
        .select()
        .from(authorizations)
        .where(or(like(authorizations.dealerId, `%${escapeLike(text)}%`), like(authorizations.contractNo, `%${escapeLike(text.toUpperCase())}%`)))
        .orderBy(asc(authorizations.dealerId), desc(authorizations.id))
        .limit(limit)
        .all();
    const found = search(q);
    if (found.length > 0) return found;
    const core = parseCompanyName(q).core;
    return core && core !== q && core.length >= 2 ? search(core) : [];
  }
}
