import { eq } from 'drizzle-orm';
import type { NoticePayload } from '../../../db/schema';
import { noticeQueries } from '../../storage/notice-queries';
import { first } from '../../storage/unit-of-work';
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

function dedupKeyOf(key: string, to: NoticeRecipient): string {
  return `${key}>${to.type}:${to.id}`;
}

export async function noticeExists(deps: DomainDeps, key: string, to: NoticeRecipient): Promise<boolean> {
  const { db, t } = deps.tx;
  return !!first(await db.select({ id: t.outbox.id }).from(t.outbox).where(eq(t.outbox.dedupKey, dedupKeyOf(key, to))).limit(1));
}

/**
 * Writes a notice in the caller's transaction. Resolves to false when this (key, recipient)
 * exists already: a rule firing twice, or a sweep re-run after a crash, never sends twice.
 */
export async function enqueueNotice(deps: DomainDeps, n: NoticeInput): Promise<boolean> {
  const now = deps.clock.now();
  return await noticeQueries(deps.tx).insert({
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
}

export async function notifyStaff(deps: DomainDeps, staffIds: Iterable<string>, key: string, payload: NoticePayload, opts: Omit<NoticeInput, 'key' | 'to' | 'payload'> = {}): Promise<void> {
  for (const id of new Set(staffIds)) await enqueueNotice(deps, { ...opts, key, to: { type: 'staff', id }, payload });
}
