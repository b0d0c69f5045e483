/**
 * A refusal the user must see: what went wrong and what to type instead. Thrown inside a
 * transaction, it rolls the whole command back, so a command happens fully or not at all.
 */
export class DomainError extends Error {
  readonly code: string;
  /** What to type instead, e.g. "/认领 杭州云启科技". */
  readonly hint: string | undefined;
  /** Extra structured facts for rendering (e.g. the blocking registration). */
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, message: string, opts: { hint?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }
}

export function refuse(code: string, message: string, hint?: string): never {
  throw new DomainError(code, message, hint === undefined ? {} : { hint });
}
