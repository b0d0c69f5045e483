import { and, eq, lt, sql } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema';
import { prepared } from '../../db/prepared';
import type { DomainDeps } from '../domain/deps';

/** Platforms redeliver (DingTalk when an ACK is late, WeCom on reconnect): each id is handled once. */
export function alreadyHandled(deps: DomainDeps, platform: string, eventId: string): boolean {
  const db = deps.db;
  return !!prepared(db, 'inbound.seen', () =>
    db
      .select({ id: inboundEvents.eventId })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.platform, sql.placeholder('platform')), eq(inboundEvents.eventId, sql.placeholder('eventId'))))
      .prepare(),
  ).get({ platform, eventId });
}

/** Marks an id handled; false if another process got there first. Call inside the command's transaction. */
export function markHandled(deps: DomainDeps, platform: string, eventId: string): boolean {
  const db = deps.db;
  const p = (name: string) => sql.placeholder(name);
  const insert = prepared(db, 'inbound.mark', () =>
    db.insert(inboundEvents).values({ platform: p('platform'), eventId: p('eventId'), receivedAt: p('receivedAt') }).onConflictDoNothing().prepare(),
  );
  return insert.run({ platform, eventId, receivedAt: deps.clock.now() }).changes > 0;
}

export function pruneHandled(deps: DomainDeps, olderThan: Date): number {
  return deps.db.delete(inboundEvents).where(lt(inboundEvents.receivedAt, olderThan)).run().changes;
}
