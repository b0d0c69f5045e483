import { createHash, type Hash } from 'node:crypto';

/** A value as both engines hand it back through drizzle, written one way: keys sorted, Dates as ISO. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Rows fed in primary-key order give one digest per table; the same rows on either engine give the same one. */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  constructor(private readonly props: string[]) {}

  add(row: Record<string, unknown>): void {
    this.rows++;
    this.hash.update(`${this.props.map((p) => canonical(row[p])).join('\u0001')}\n`);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
