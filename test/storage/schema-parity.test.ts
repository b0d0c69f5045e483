import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import * as sqliteSchema from '../../db/schema';
import * as pgSchema from '../../db/schema-pg';

const tablesOf = (schema: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(schema).filter(([, v]) => is(v, Table)) as [string, Table][]);

/** What the domain relies on of a column: its JS shape, not its SQL type. */
function shape(c: { name: string; notNull: boolean; primary: boolean; dataType: string; enumValues?: readonly string[] | undefined; hasDefault: boolean }) {
  return { name: c.name, notNull: c.notNull, primary: c.primary, dataType: c.dataType, enumValues: c.enumValues ?? [], hasDefault: c.hasDefault };
}

describe('the PostgreSQL schema mirrors the SQLite one', () => {
  const lite = tablesOf(sqliteSchema);
  const pg = tablesOf(pgSchema);

  test('same tables under the same names', () => {
    expect(Object.keys(pg).sort()).toEqual(Object.keys(lite).sort());
    for (const [key, t] of Object.entries(lite)) expect(getTableName(pg[key]!)).toBe(getTableName(t));
  });

  test.each(Object.keys(tablesOf(sqliteSchema)))('%s: same columns, JS types, nullability, defaults', (key) => {
    const a = getTableColumns(lite[key]!);
    const b = getTableColumns(pg[key]!);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const prop of Object.keys(a)) {
      const la = shape(a[prop] as never);
      const pb = shape(b[prop] as never);
      // db/schema-pg/columns.ts bytewiseText: text compared as SQLite compares it.
      if (pb.dataType === 'custom' && (b[prop] as unknown as { getSQLType(): string }).getSQLType() === 'text COLLATE "C"') pb.dataType = 'string';
      // PostgreSQL ids are identity columns: "has a default" there is the sequence.
      if (la.primary && la.dataType === 'number') pb.hasDefault = la.hasDefault;
      expect({ prop, ...pb }).toEqual({ prop, ...la });
    }
  });
});
