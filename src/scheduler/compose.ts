import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import type { Domain } from '../domain/domain';
import { createCard, getCard } from '../domain/cards/cards';
import type { OutboundMessage } from '../platforms/types';
import { renderCard } from '../bot/render/card-renderers';
import { noticeText } from '../bot/render/notice-text';
import { isReminderTemplate, type ReminderItem } from '../bot/render/reminder-items';
import { writeTx } from '../../db/open';

export type OutboxRow = typeof outbox.$inferSelect;

export interface Composed {
  message: OutboundMessage;
  cardId?: number;
  /** Staff ids to @mention besides the recipient. */
  mentions: string[];
}

/**
 * Builds what one recipient receives for a batch of notices: reminders become one card (a digest
 * when there are several); other notices are their text plus their card. A card created here is
 * saved on the rows first, so a retry re-sends the same card instead of issuing a new one.
 */
export function compose(domain: Domain, rows: OutboxRow[]): Composed {
  const first = rows[0]!;
  const mentions = [...new Set(rows.flatMap((r) => r.payload.mentions ?? []))];
  if (isReminderTemplate(first.payload.template)) {
    const existing = first.payload.cardId;
    const cardId =
      existing !== undefined && rows.every((r) => r.payload.cardId === existing)
        ? existing
        : writeTx(domain.deps.db, () => {
            const items: ReminderItem[] = rows.map((r) => ({ template: r.payload.template, params: r.payload.params, ...(r.payload.priority ? { priority: r.payload.priority } : {}) }));
            const card = createCard(domain.deps, { kind: 'reminders', subjectType: 'staff', subjectId: 0, data: { items }, audienceId: first.recipientId });
            for (const r of rows) domain.deps.db.update(outbox).set({ payload: { ...r.payload, cardId: card.id } }).where(eq(outbox.id, r.id)).run();
            return card.id;
          });
    const row = getCard(domain.deps, cardId)!;
    const text = rows.length > 1 ? `⏰ 你有 ${rows.length} 条提醒，请及时处理：` : '⏰ 提醒：';
    return { message: { text, card: renderCard(row, domain) }, cardId, mentions };
  }
  const texts = rows.map((r) => noticeText(domain, r.payload));
  const cardRow = first.payload.cardId !== undefined ? getCard(domain.deps, first.payload.cardId) : undefined;
  return {
    message: { text: texts.join('\n'), ...(cardRow ? { card: renderCard(cardRow, domain) } : {}) },
    ...(cardRow ? { cardId: cardRow.id } : {}),
    mentions,
  };
}
