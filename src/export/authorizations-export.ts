import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { DomainRoot } from '../domain/domain';
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
 * Each chunk is read in a unit of work of its own and written to the file after it.
 */
export async function exportAuthorizations(root: DomainRoot, viewer: Staff, file: string): Promise<number> {
  const env = root.env;
  const day = today(env.time, env.clock.now());
  const windowDays = env.rules.authorization.renewalOpensDaysBefore;
  const scope = await root.read((d) => authorizationScope(d.dir, viewer));
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
    const from = afterId;
    const rows = await root.read(async (d) => {
      const { db, t } = d.deps.tx;
      const { authorizations, authorizationPeriods, renewalTasks } = t;
      const s = authorizationServices(d);
      const chunk = await db
        .select({ a: authorizations, p: authorizationPeriods, t: renewalTasks })
        .from(authorizations)
        .innerJoin(authorizationPeriods, and(eq(authorizationPeriods.authorizationId, authorizations.id), isNull(authorizationPeriods.nextPeriodId)))
        .leftJoin(renewalTasks, eq(renewalTasks.periodId, authorizationPeriods.id))
        .where(and(scopeCondition(scope, t), gt(authorizations.id, from)))
        .orderBy(asc(authorizations.id))
        .limit(CHUNK);
      const withPeriods = [];
      for (const x of chunk) withPeriods.push({ ...x, periods: await s.store.periods(x.a.id) });
      return withPeriods;
    });
    if (rows.length === 0) break;
    for (const { a, p, t, periods } of rows) {
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
