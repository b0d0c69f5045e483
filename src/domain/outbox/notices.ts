import { eq, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { outbox, type NoticePayload } from '../../../db/schema';
import type { DomainDeps } from '../deps';

export interface NoticeRecipient {
  type: 'staff' | 'group' | 'card';
  id: string;
}

export interface NoticeInput {
  /** rule:subject:milestone — with the recipient it makes the notice unique for ever. */
  key: string;
  to: NoticeRecipient;
  payload: NoticePayload;
  channel?: 'private' | 'team';
  /** Notices of one sweep run to one person share a batch and are merged into a digest. */
  batchKey?: string;
  kind?: 'message' | 'card_update';
}

/**
 * Writes a notice in the caller's transaction. Returns false when this (key, recipient) exists
 * already: a rule firing twice, or a sweep re-run after a crash, never sends twice.
 */
function dedupKeyOf(key: string, to: NoticeRecipient): string {
  return `${key}>${to.type}:${to.id}`;
}

export function noticeExists(deps: DomainDeps, key: string, to: NoticeRecipient): boolean {
  return !!deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupKey, dedupKeyOf(key, to))).get();
}

export function enqueueNotice(deps: DomainDeps, n: NoticeInput): boolean {
  const now = deps.clock.now();
  const db = deps.db;
  const p = (name: string) => sql.placeholder(name);
  const insert = prepared(db, 'outbox.insert', () =>
    db
      .insert(outbox)
      .values({ dedupKey: p('dedupKey'), kind: p('kind'), recipientType: p('recipientType'), recipientId: p('recipientId'), channel: p('channel'), payload: p('payload'), batchKey: p('batchKey'), createdAt: p('createdAt'), nextAttemptAt: p('nextAttemptAt') })
      .onConflictDoNothing()
      .prepare(),
  );
  const res = insert.run({
    dedupKey: dedupKeyOf(n.key, n.to),
    kind: n.kind ?? 'message',
    recipientType: n.to.type,
    recipientId: n.to.id,
    channel: n.channel ?? 'private',
    payload: n.payload,
    batchKey: n.batchKey ?? null,
    createdAt: now,
    nextAttemptAt: now,
  });
  return res.changes > 0;
}

export function notifyStaff(deps: DomainDeps, staffIds: Iterable<string>, key: string, payload: NoticePayload, opts: Omit<NoticeInput, 'key' | 'to' | 'payload'> = {}): void {
  for (const id of new Set(staffIds)) enqueueNotice(deps, { ...opts, key, to: { type: 'staff', id }, payload });
}
