import { and, eq, lt, sql } from 'drizzle-orm';
import type { DomainDeps } from '../domain/deps';

/** Platforms redeliver (DingTalk when an ACK is late, WeCom on reconnect): each id is handled once. */
export async function alreadyHandled(deps: DomainDeps, platform: string, eventId: string): Promise<boolean> {
  const seen = await deps.tx
    .prepared('inbound.seen', (db, t) =>
      db
        .select({ id: t.inboundEvents.eventId })
        .from(t.inboundEvents)
        .where(and(eq(t.inboundEvents.platform, sql.placeholder('platform')), eq(t.inboundEvents.eventId, sql.placeholder('eventId'))))
        .prepare(),
    )
    .get({ platform, eventId });
  return !!seen;
}

/** Marks an id handled; false if another process got there first. Call inside the command's transaction. */
export async function markHandled(deps: DomainDeps, platform: string, eventId: string): Promise<boolean> {
  const p = (name: string) => sql.placeholder(name);
  // RETURNING gives back the row only when it was inserted (not when the conflict skipped it).
  const inserted = await deps.tx
    .prepared('inbound.mark', (db, t) =>
      db
        .insert(t.inboundEvents)
        .values({ platform: p('platform'), eventId: p('eventId'), receivedAt: p('receivedAt') })
        .onConflictDoNothing()
        .returning({ eventId: t.inboundEvents.eventId })
        .prepare(),
    )
    .all({ platform, eventId, receivedAt: deps.clock.now() });
  return inserted.length > 0;
}

export async function pruneHandled(deps: DomainDeps, olderThan: Date): Promise<number> {
  const { db, t } = deps.tx;
  const pruned = await db.delete(t.inboundEvents).where(lt(t.inboundEvents.receivedAt, olderThan)).returning({ eventId: t.inboundEvents.eventId });
  return pruned.length;
}
