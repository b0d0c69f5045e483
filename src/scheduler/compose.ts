import { eq } from 'drizzle-orm';
import type { outbox } from '../../db/schema';
import type { Domain } from '../domain/domain';
import { createCard, getCard } from '../domain/cards/cards';
import type { OutboundMessage } from '../platforms/types';
import { renderCard } from '../bot/render/card-renderers';
import { noticeText } from '../bot/render/notice-text';
import { isReminderTemplate, type ReminderItem } from '../bot/render/reminder-items';

export type OutboxRow = typeof outbox.$inferSelect;

export interface Composed {
  message: OutboundMessage;
  cardId?: number;
  /** Staff ids to @mention besides the recipient. */
  mentions: string[];
}

/** The card the batch's reminders already share, if they do. */
function sharedReminderCard(rows: OutboxRow[]): number | undefined {
  const existing = rows[0]!.payload.cardId;
  return existing !== undefined && rows.every((r) => r.payload.cardId === existing) ? existing : undefined;
}

/** Whether composing these notices first needs a write (a reminder digest's card). */
export function needsReminderCard(rows: OutboxRow[]): boolean {
  return isReminderTemplate(rows[0]!.payload.template) && sharedReminderCard(rows) === undefined;
}

/**
 * Reminders become one card (a digest when there are several). The card is created and saved on
 * the rows first, in the unit of work of `d`, so a retry re-sends the same card instead of
 * issuing a new one. Returns the rows as they now are.
 */
export async function ensureReminderCard(d: Domain, rows: OutboxRow[]): Promise<OutboxRow[]> {
  if (!needsReminderCard(rows)) return rows;
  const { db, t } = d.deps.tx;
  const first = rows[0]!;
  const items: ReminderItem[] = rows.map((r) => ({ template: r.payload.template, params: r.payload.params, ...(r.payload.priority ? { priority: r.payload.priority } : {}) }));
  const card = await createCard(d.deps, { kind: 'reminders', subjectType: 'staff', subjectId: 0, data: { items }, audienceId: first.recipientId });
  const out: OutboxRow[] = [];
  for (const r of rows) {
    const payload = { ...r.payload, cardId: card.id };
    await db.update(t.outbox).set({ payload }).where(eq(t.outbox.id, r.id));
    out.push({ ...r, payload });
  }
  return out;
}

/**
 * Builds what one recipient receives for a batch of notices: reminders their card (see
 * ensureReminderCard, which must have run); other notices are their text plus their card.
 */
export async function compose(domain: Domain, rows: OutboxRow[]): Promise<Composed> {
  const first = rows[0]!;
  const mentions = [...new Set(rows.flatMap((r) => r.payload.mentions ?? []))];
  if (isReminderTemplate(first.payload.template)) {
    const cardId = sharedReminderCard(rows);
    if (cardId === undefined) throw new Error('reminders composed before their card was created');
    const row = (await getCard(domain.deps, cardId))!;
    const text = rows.length > 1 ? `⏰ 你有 ${rows.length} 条提醒，请及时处理：` : '⏰ 提醒：';
    return { message: { text, card: await renderCard(row, domain) }, cardId, mentions };
  }
  const texts: string[] = [];
  for (const r of rows) texts.push(await noticeText(domain, r.payload));
  const cardRow = first.payload.cardId !== undefined ? await getCard(domain.deps, first.payload.cardId) : undefined;
  return {
    message: { text: texts.join('\n'), ...(cardRow ? { card: await renderCard(cardRow, domain) } : {}) },
    ...(cardRow ? { cardId: cardRow.id } : {}),
    mentions,
  };
}
