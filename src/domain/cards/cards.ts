import { eq, and, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { insertRow } from '../../../db/insert-row';
import { cards, cardDeliveries } from '../../../db/schema';
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

export function createCard(deps: DomainDeps, c: NewCard): CardRow {
  const now = deps.clock.now();
  return insertRow(deps.db, cards, { kind: c.kind, subjectType: c.subjectType, subjectId: c.subjectId, data: c.data ?? null, audienceId: c.audienceId ?? null, createdAt: now, updatedAt: now });
}

export function getCard(deps: DomainDeps, id: number): CardRow | undefined {
  const db = deps.db;
  return prepared(db, 'cards.byId', () => db.select().from(cards).where(eq(cards.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function cardsOfSubject(deps: DomainDeps, subjectType: string, subjectId: number): CardRow[] {
  return deps.db.select().from(cards).where(and(eq(cards.subjectType, subjectType), eq(cards.subjectId, subjectId))).all();
}

/**
 * The card's subject changed: bump the version and queue an update that the dispatcher pushes
 * to every delivery still showing an older version.
 */
export function reviseCard(deps: DomainDeps, id: number, opts: { close?: boolean } = {}): number {
  const row = getCard(deps, id);
  if (!row) return 0;
  const version = row.version + 1;
  deps.db
    .update(cards)
    .set({ version, closed: opts.close ?? row.closed, updatedAt: deps.clock.now() })
    .where(eq(cards.id, id))
    .run();
  enqueueNotice(deps, {
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

export function recordCardDelivery(deps: DomainDeps, d: DeliveryRecord): void {
  deps.db
    .insert(cardDeliveries)
    .values({ ...d, cardRef: d.cardRef ?? null, deliveredAt: deps.clock.now() })
    .onConflictDoUpdate({
      target: [cardDeliveries.cardId, cardDeliveries.platform, cardDeliveries.targetKind, cardDeliveries.targetId],
      set: { version: d.version, ...(d.cardRef ? { cardRef: d.cardRef } : {}) },
    })
    .run();
}

export function deliveriesOf(deps: DomainDeps, cardId: number) {
  return deps.db.select().from(cardDeliveries).where(eq(cardDeliveries.cardId, cardId)).all();
}

export function markDeliveryVersion(deps: DomainDeps, deliveryId: number, version: number): void {
  deps.db.update(cardDeliveries).set({ version }).where(eq(cardDeliveries.id, deliveryId)).run();
}
