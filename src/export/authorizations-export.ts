import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { authorizationPeriods, authorizations, renewalTasks } from '../../db/schema';
import type { Domain } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import { authorizationScope, scopeCondition } from '../domain/authorization/scope';
import { contractStatus, STATUS_ZH } from '../domain/authorization/status';
import { daysBetween, today } from '../domain/authorization/dates';
import { STAGE_ZH } from '../domain/authorization/stages';
import { authorizationServices } from '../domain/authorization/services';
import { AUTHORIZATION_COLUMNS, AUTHORIZATION_SHEET } from '../import/authorization-columns';
import { XlsxOut, type OutColumn } from './xlsx-out';

const CHUNK = 2000;
const DATE_FIELDS = new Set(['startsOn', 'endsOn']);

/**
 * The viewer's authorizations as the import template lays them out (so the file can be edited and
 * imported back), plus status, days left and renewal stage; a second sheet holds every period.
 */
export async function exportAuthorizations(d: Domain, viewer: Staff, file: string): Promise<number> {
  const s = authorizationServices(d);
  const day = today(d.deps.time, d.deps.clock.now());
  const windowDays = d.deps.rules.authorization.renewalOpensDaysBefore;
  const out = new XlsxOut(file);
  const main: OutColumn[] = [
    ...AUTHORIZATION_COLUMNS.map((c) => ({ header: c.header, date: DATE_FIELDS.has(c.field) })),
    { header: '状态' }, { header: '剩余天数' }, { header: '续约阶段' }, { header: '流失原因' },
  ];
  const row = out.sheet(AUTHORIZATION_SHEET, main);
  const history = out.sheet('授权期历史', [{ header: '合同编号' }, { header: '代理商名称' }, { header: '期次' }, { header: '起始日期', date: true }, { header: '到期日期', date: true }]);
  let afterId = 0;
  let n = 0;
  for (;;) {
    const rows = d.deps.db
      .select({ a: authorizations, p: authorizationPeriods, t: renewalTasks })
      .from(authorizations)
      .innerJoin(authorizationPeriods, and(eq(authorizationPeriods.authorizationId, authorizations.id), isNull(authorizationPeriods.nextPeriodId)))
      .leftJoin(renewalTasks, eq(renewalTasks.periodId, authorizationPeriods.id))
      .where(and(scopeCondition(authorizationScope(d.dir, viewer)), gt(authorizations.id, afterId)))
      .orderBy(asc(authorizations.id))
      .limit(CHUNK)
      .all();
    if (rows.length === 0) break;
    for (const { a, p, t } of rows) {
      const periods = s.store.periods(a.id);
      const phone = a.contactPhone?.startsWith('+86') ? a.contactPhone.slice(3) : a.contactPhone;
      row([
        a.dealerId, a.contractNo, a.productLines.join('、'), a.regions.join('、'), a.tier, p.startsOn, p.endsOn, a.ownerId, a.contactName, phone,
        STATUS_ZH[contractStatus(periods, day, windowDays)], daysBetween(day, p.endsOn), t ? STAGE_ZH[t.stage] : '', t?.lossReason,
      ]);
      for (const x of periods) history([a.contractNo, a.dealerId, x.seq, x.startsOn, x.endsOn]);
      n++;
    }
    afterId = rows[rows.length - 1]!.a.id;
  }
  await out.close();
  return n;
}
