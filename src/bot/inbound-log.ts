import { and, eq, lt } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema';
import type { DomainDeps } from '../domain/deps';

/** Platforms redeliver (DingTalk when an ACK is late, WeCom on reconnect): each id is handled once. */
export function alreadyHandled(deps: DomainDeps, platform: string, eventId: string): boolean {
  return !!deps.db
    .select({ id: inboundEvents.eventId })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.platform, platform), eq(inboundEvents.eventId, eventId)))
    .get();
}

/** Marks an id handled; false if another process got there first. Call inside the command's transaction. */
export function markHandled(deps: DomainDeps, platform: string, eventId: string): boolean {
  return (
    deps.db
      .insert(inboundEvents)
      .values({ platform, eventId, receivedAt: deps.clock.now() })
      .onConflictDoNothing()
      .run().changes > 0
  );
}

export function pruneHandled(deps: DomainDeps, olderThan: Date): number {
  return deps.db.delete(inboundEvents).where(lt(inboundEvents.receivedAt, olderThan)).run().changes;
}
