/**
 * Another connection (an all-or-nothing import, a second process) holds the write lock: SQLite
 * answers SQLITE_BUSY / SQLITE_LOCKED (and their extended codes) once the busy timeout has passed.
 * Such an error means "not now", never "wrong": whatever failed can be tried again unchanged.
 * Drizzle wraps driver errors (DrizzleQueryError), so the cause chain is followed.
 */
export function isBusyError(e: unknown): boolean {
  for (let err = e, depth = 0; err && depth < 5; depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}

export interface BusyRetry {
  /** Tries in all (the first included). */
  attempts: number;
  /** Wait before the second try; doubles after each (capped at 1 s). */
  delayMs: number;
}

/**
 * Runs a short write (typically a whole unit of work, `store.write(…)`) again while the database is
 * busy, sleeping between tries so that the event loop keeps serving (a long busy_timeout would block the whole process instead). Any other error,
 * or the last busy one, is thrown.
 */
export async function retryWhileBusy<T>(fn: () => T | Promise<T>, retry: BusyRetry): Promise<T> {
  let wait = retry.delayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusyError(e) || attempt >= retry.attempts) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 1000);
  }
}
