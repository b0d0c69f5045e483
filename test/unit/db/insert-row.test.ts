import { eq, sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { openDb } from '../../../db/open';
import { insertRow } from '../../../db/insert-row';
import { approvalSteps, cards, customers, registrations } from '../../../db/schema';

describe('insertRow', () => {
  const db = openDb({ file: ':memory:' });
  afterAll(() => db.$client.close());

  it('returns exactly the row a select reads back: defaults, nulls, dates, booleans and JSON', () => {
    const at = new Date('2026-11-25T10:00:00+08:00');
    const c = insertRow(db, customers, { name: '杭州云启科技有限公司', nameNorm: '杭州云启科技有限公司', contactName: '张伟', mobile: '+8613812345678', keyAccount: true, createdAt: at, createdBy: 'alice' });
    expect(c).toEqual(db.select().from(customers).where(eq(customers.id, c.id)).get());
    expect([c.status, c.usccChecksumOk, c.pooledAt, c.budgetWan]).toEqual(['free', true, null, null]);

    const r = insertRow(db, registrations, { customerId: c.id, ownerId: 'alice', status: 'pending', via: 'register', createdAt: at, suspects: [{ customerId: 9, name: '某公司', reason: '名称高度相似' }] });
    expect(r).toEqual(db.select().from(registrations).where(eq(registrations.id, r.id)).get());
    expect([r.protectedUntil, r.extensionsUsed, r.usccWarning]).toEqual([null, 0, false]);

    const card = insertRow(db, cards, { kind: 'approval', subjectType: 'approval_step', subjectId: 1, createdAt: at, updatedAt: at });
    expect(card).toEqual(db.select().from(cards).where(eq(cards.id, card.id)).get());
    expect(card.id).toBeGreaterThan(0);
    const step = insertRow(db, approvalSteps, { approvalId: 1, idx: 0, mode: 'any', status: 'waiting' });
    expect(step).toEqual(db.select().from(approvalSteps).where(eq(approvalSteps.id, step.id)).get());
  });

  it('refuses a column whose default only SQL can compute', () => {
    const t = sqliteTable('stamped', { id: text('id').primaryKey(), at: text('at').default(sql`CURRENT_TIMESTAMP`) });
    db.$client.exec('CREATE TABLE stamped (id TEXT PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP)');
    expect(() => insertRow(db, t, { id: 'x' })).toThrow(/SQL default/);
  });
});
