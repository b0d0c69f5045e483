import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { DomainRoot } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import { visibleOwnerIds } from '../domain/org/visibility';
import { CUSTOMER_COLUMNS, CUSTOMER_SHEET } from '../import/customer-columns';
import { XlsxOut } from './xlsx-out';

const CHUNK = 5000;
const DATE_FIELDS = new Set(['registeredOn', 'protectedUntil', 'wonOn']);
/** The words the customer import reads back (审批中 / 未报备 are shown as they are: not importable). */
const STATUS_OUT = { protected: '保护中', won: '已成交', pool: '公海', pending: '审批中', free: '未报备' } as const;

/**
 * The customers the viewer sees in full, in the import template's layout. Directors and admins get
 * every customer (pool included); others only those held by the people they see. Each chunk is
 * read in a unit of work of its own and written to the file after it, so a large export never
 * holds the database while the file is being written.
 */
export async function exportCustomers(root: DomainRoot, viewer: Staff, file: string): Promise<number> {
  const owners = await root.read((d) => visibleOwnerIds(d.dir, viewer));
  const t = root.env.time;
  const out = new XlsxOut(file);
  const row = out.sheet(CUSTOMER_SHEET, [{ header: '编号' }, ...CUSTOMER_COLUMNS.map((c) => ({ header: c.header, date: DATE_FIELDS.has(c.field) }))]);
  let afterId = 0;
  let n = 0;
  for (;;) {
    const from = afterId;
    const rows = await root.read(async (d) => {
      const { db, t: tables } = d.deps.tx;
      const { customers, registrations } = tables;
      return owners
        ? db
            .select({ c: customers, r: registrations })
            .from(registrations)
            .innerJoin(customers, eq(customers.id, registrations.customerId))
            .where(and(inArray(registrations.ownerId, owners), inArray(registrations.status, ['pending', 'protected', 'won']), gt(customers.id, from)))
            .orderBy(asc(customers.id))
            .limit(CHUNK)
        : db
            .select({ c: customers, r: registrations })
            .from(customers)
            .leftJoin(registrations, eq(registrations.id, customers.activeRegistrationId))
            .where(gt(customers.id, from))
            .orderBy(asc(customers.id))
            .limit(CHUNK);
    });
    if (rows.length === 0) break;
    for (const { c, r } of rows) {
      row([
        `#${c.id}`, c.name, c.contactName, c.mobile?.replace(/^\+86/, ''), c.uscc, c.landline?.replace(/^\+86/, '0'), c.province, c.city, c.source, c.product,
        c.budgetWan, c.note, c.keyAccount ? '是' : '否', r?.ownerId, STATUS_OUT[c.status],
        r ? t.date(r.createdAt) : t.date(c.createdAt), r?.protectedUntil ? t.date(r.protectedUntil) : null, r?.wonAt ? t.date(r.wonAt) : null,
      ]);
      n++;
    }
    afterId = rows[rows.length - 1]!.c.id;
  }
  await out.close();
  return n;
}
