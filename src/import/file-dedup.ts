import { compareCustomers, identityOf, lookupKeys, retrievalKeys, type CustomerIdentity } from '../domain/dedup';

/**
 * The dedup engine over the rows of one file: the same retrieval keys and verdicts as the
 * database index, kept in memory, so two rows for one company are caught before either is written.
 */
export class FileDedup {
  private readonly byKey = new Map<string, number[]>();
  private readonly rows: { row: number; identity: CustomerIdentity }[] = [];

  identity(input: { name: string; uscc?: string; mobile?: string; landline?: string }): CustomerIdentity {
    return identityOf(input).identity;
  }

  /** The earlier row this identity duplicates, with the engine's reasons. */
  find(me: CustomerIdentity): { row: number; reasons: string[] } | undefined {
    const seen = new Set<number>();
    for (const key of lookupKeys(me.name, { uscc: me.uscc, mobile: me.mobile, landline: me.landline })) {
      for (const i of this.byKey.get(key) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        const other = this.rows[i]!;
        const v = compareCustomers(me, other.identity);
        if (v.tier === 'duplicate') return { row: other.row, reasons: v.reasons };
      }
    }
    return undefined;
  }

  add(row: number, me: CustomerIdentity): void {
    const i = this.rows.push({ row, identity: me }) - 1;
    for (const key of retrievalKeys(me.name, { uscc: me.uscc, mobile: me.mobile, landline: me.landline })) {
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    }
  }
}
