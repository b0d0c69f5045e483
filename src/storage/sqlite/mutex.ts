/**
 * better-sqlite3 runs one statement at a time on one connection, and a transaction is a property
 * of the connection: once units of work await, two of them would otherwise interleave inside one
 * BEGIN … COMMIT. Every unit of work holds this lock from BEGIN to COMMIT; they queue in order.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  get locked(): boolean {
    return this.held;
  }

  async lock<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await before;
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      release();
    }
  }
}
