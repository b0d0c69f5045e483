import { eq, and, sql } from 'drizzle-orm';
import type { cards } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import { enqueueNotice } from '../outbox/notices';

export type CardRow = typeof cards.$inferSelect;

export function cardIdText(id: number): string {
  return `c${id}`;
}

export function parseCardId(text: string): number | undefined {
  const m = /^c?(\d{1,12})$/i.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

export interface NewCard {
  kind: string;
  subjectType: string;
  subjectId: number;
  data?: Record<string, unknown>;
  audienceId?: string;
}

export async function createCard(deps: DomainDeps, c: NewCard): Promise<CardRow> {
  const now = deps.clock.now();
  return await deps.tx.insertRow(deps.tx.t.cards, { kind: c.kind, subjectType: c.subjectType, subjectId: c.subjectId, data: c.data ?? null, audienceId: c.audienceId ?? null, createdAt: now, updatedAt: now });
}

export async function getCard(deps: DomainDeps, id: number): Promise<CardRow | undefined> {
  return await deps.tx.prepared('cards.byId', (db, t) => db.select().from(t.cards).where(eq(t.cards.id, sql.placeholder('id'))).prepare()).get({ id });
}

export async function cardsOfSubject(deps: DomainDeps, subjectType: string, subjectId: number): Promise<CardRow[]> {
  const { db, t } = deps.tx;
  return await db.select().from(t.cards).where(and(eq(t.cards.subjectType, subjectType), eq(t.cards.subjectId, subjectId)));
}

/**
 * The card's subject changed: bump the version and queue an update that the dispatcher pushes
 * to every delivery still showing an older version.
 */
export async function reviseCard(deps: DomainDeps, id: number, opts: { close?: boolean } = {}): Promise<number> {
  const row = await getCard(deps, id);
  if (!row) return 0;
  const { db, t } = deps.tx;
  const version = row.version + 1;
  await db
    .update(t.cards)
    .set({ version, closed: opts.close ?? row.closed, updatedAt: deps.clock.now() })
    .where(eq(t.cards.id, id));
  await enqueueNotice(deps, {
    key: `card-update:${id}:v${version}`,
    to: { type: 'card', id: String(id) },
    kind: 'card_update',
    payload: { template: 'card.update', params: {}, cardId: id },
  });
  return version;
}

export interface DeliveryRecord {
  cardId: number;
  platform: string;
  targetKind: 'chat' | 'user';
  targetId: string;
  cardRef?: string;
  version: number;
}

export async function recordCardDelivery(deps: DomainDeps, d: DeliveryRecord): Promise<void> {
  const { db, t } = deps.tx;
  await db
    .insert(t.cardDeliveries)
    .values({ ...d, cardRef: d.cardRef ?? null, deliveredAt: deps.clock.now() })
    .onConflictDoUpdate({
      target: [t.cardDeliveries.cardId, t.cardDeliveries.platform, t.cardDeliveries.targetKind, t.cardDeliveries.targetId],
      set: { version: d.version, ...(d.cardRef ? { cardRef: d.cardRef } : {}) },
    });
}

export async function deliveriesOf(deps: DomainDeps, cardId: number) {
  const { db, t } = deps.tx;
  return await db.select().from(t.cardDeliveries).where(eq(t.cardDeliveries.cardId, cardId));
}

export async function markDeliveryVersion(deps: DomainDeps, deliveryId: number, version: number): Promise<void> {
  const { db, t } = deps.tx;
  await db.update(t.cardDeliveries).set({ version }).where(eq(t.cardDeliveries.id, deliveryId));
}
