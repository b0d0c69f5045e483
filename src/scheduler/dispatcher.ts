import { and, asc, eq, lte, min } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import { writeTx } from '../../db/open';
import type { Domain } from '../domain/domain';
import type { Logger } from '../log/logger';
import type { Platform } from '../platforms/types';
import { SendError } from '../platforms/types';
import { quietUntil } from '../domain/time';
import { enqueueNotice } from '../domain/outbox/notices';
import { cardIdText, deliveriesOf, getCard, markDeliveryVersion, recordCardDelivery } from '../domain/cards/cards';
import { renderCard } from '../bot/render/card-renderers';
import { compose, type OutboxRow } from './compose';
import { mentionsFor, routeToGroup, routeToStaff, type Route } from './routing';

const BATCH = 200;

export interface DispatchStats {
  sent: number;
  retried: number;
  dead: number;
  held: number;
}

/**
 * Delivers the outbox. A row is marked sent only after the platform accepted it, so a crash
 * between the two re-sends it (at-least-once); a failed send waits with exponential back-off and
 * is never dropped; one that can never succeed is marked dead and reported to the admins.
 */
export class Dispatcher {
  private running: Promise<DispatchStats> | undefined;
  private again = false;

  constructor(
    private readonly domain: Domain,
    private readonly platforms: Platform[],
    private readonly logger: Logger,
  ) {}

  /** Runs soon; calls while a run is going on coalesce into one more run. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runOnce().catch((e) => this.logger.error({ err: e, event: 'dispatch.failed' }, 'dispatch failed'));
  }

  /** One pass over everything due now. Concurrent callers share the pass in progress. */
  async runOnce(): Promise<DispatchStats> {
    if (this.running) {
      this.again = true;
      await this.running;
    }
    this.running = this.pass();
    try {
      let stats = await this.running;
      while (this.again) {
        this.again = false;
        this.running = this.pass();
        const more = await this.running;
        stats = { sent: stats.sent + more.sent, retried: stats.retried + more.retried, dead: stats.dead + more.dead, held: more.held };
      }
      return stats;
    } finally {
      this.running = undefined;
    }
  }

  /** When the next pending row becomes due (for the console's virtual clock and idle timers). */
  nextDueAt(): Date | undefined {
    const d = this.domain.deps;
    const row = d.db.select({ at: min(outbox.nextAttemptAt) }).from(outbox).where(eq(outbox.status, 'pending')).get();
    if (!row?.at) return undefined;
    const at = new Date(Math.max(row.at.getTime(), d.clock.now().getTime()));
    return quietUntil(d.time, at, d.rules.schedule.quietHours) ?? at;
  }

  private async pass(): Promise<DispatchStats> {
    const d = this.domain.deps;
    const stats: DispatchStats = { sent: 0, retried: 0, dead: 0, held: 0 };
    const now = d.clock.now();
    const quiet = quietUntil(d.time, now, d.rules.schedule.quietHours);
    const rows = d.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.id))
      .limit(BATCH)
      .all();
    const groups = new Map<string, OutboxRow[]>();
    for (const r of rows) {
      if (r.kind === 'card_update') {
        await this.refreshCard(r, stats);
        continue;
      }
      if (quiet) {
        stats.held++;
        continue;
      }
      const key = r.batchKey ? `${r.recipientType}:${r.recipientId}:${r.channel}:${r.batchKey}` : `row:${r.id}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      await this.deliver(group, stats);
      // A send refused at once (a conversation over its rate) settles without giving the event
      // loop a turn; yield so that a long pass never holds up the commands people are typing.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return stats;
  }

  private async deliver(rows: OutboxRow[], stats: DispatchStats): Promise<void> {
    const first = rows[0]!;
    const route: Route | undefined =
      first.recipientType === 'staff'
        ? routeToStaff(this.domain, this.platforms, first.recipientId, first.channel)
        : routeToGroup(this.domain, this.platforms, Number(first.recipientId));
    if (!route) {
      this.fail(rows, new SendError(`没有可用的平台能找到收件人 ${first.recipientType}:${first.recipientId}`, { retryable: false, code: 'no_route' }), stats);
      return;
    }
    let composed;
    try {
      composed = compose(this.domain, rows);
    } catch (e) {
      this.fail(rows, new SendError(`无法生成消息：${(e as Error).message}`, { retryable: false, code: 'render' }), stats);
      return;
    }
    const mentions = mentionsFor(this.domain, route.platform, composed.mentions.filter((id) => id !== first.recipientId || route.to.kind === 'chat'));
    if (route.mention && !mentions.some((m) => m.platformUserId === route.mention!.platformUserId)) mentions.unshift(route.mention);
    const message = route.to.kind === 'chat' ? { ...composed.message, mentions } : composed.message;
    try {
      const receipt = await route.platform.send({ to: route.to, message, key: `outbox:${rows.map((r) => r.id).join(',')}` });
      const d = this.domain.deps;
      writeTx(d.db, () => {
        for (const r of rows) d.db.update(outbox).set({ status: 'sent', sentAt: d.clock.now(), platform: route.platform.name, attempts: r.attempts + 1, lastError: null }).where(eq(outbox.id, r.id)).run();
        if (composed.cardId !== undefined) {
          const card = getCard(d, composed.cardId)!;
          recordCardDelivery(d, {
            cardId: card.id,
            platform: route.platform.name,
            targetKind: route.to.kind,
            targetId: route.to.kind === 'chat' ? route.to.chatId : route.to.platformUserId,
            version: card.version,
            ...(receipt.cardRef ? { cardRef: receipt.cardRef } : {}),
          });
        }
      });
      stats.sent += rows.length;
      this.logger.info({ event: 'notice.sent', platform: route.platform.name, rows: rows.length, template: first.payload.template }, 'notice delivered');
    } catch (e) {
      this.fail(rows, e, stats);
    }
  }

  /** Pushes a card's new state to every copy still showing an older one. */
  private async refreshCard(row: OutboxRow, stats: DispatchStats): Promise<void> {
    const d = this.domain.deps;
    const card = getCard(d, row.payload.cardId!);
    if (!card) {
      writeTx(d.db, () => d.db.update(outbox).set({ status: 'sent', sentAt: d.clock.now() }).where(eq(outbox.id, row.id)).run());
      return;
    }
    try {
      const content = renderCard(card, this.domain);
      for (const del of deliveriesOf(d, card.id)) {
        if (del.version >= card.version) continue;
        const platform = this.platforms.find((p) => p.name === del.platform);
        if (!platform) continue;
        const to = del.targetKind === 'chat' ? { kind: 'chat' as const, chatId: del.targetId } : { kind: 'user' as const, platformUserId: del.targetId };
        const result = await platform.updateCard(del.cardRef ?? cardIdText(card.id), to, content);
        if (result === 'expired') {
          // The platform no longer lets us edit that copy: post the new state as a fresh message.
          await platform.send({ to, message: { text: '卡片状态已更新：', card: content } });
        }
        writeTx(d.db, () => markDeliveryVersion(d, del.id, card.version));
      }
      writeTx(d.db, () => d.db.update(outbox).set({ status: 'sent', sentAt: d.clock.now(), attempts: row.attempts + 1 }).where(eq(outbox.id, row.id)).run());
      stats.sent++;
    } catch (e) {
      this.fail([row], e, stats);
    }
  }

  private fail(rows: OutboxRow[], e: unknown, stats: DispatchStats): void {
    const d = this.domain.deps;
    const err = e instanceof SendError ? e : new SendError((e as Error)?.message ?? String(e), { retryable: true });
    const now = d.clock.now();
    writeTx(d.db, () => {
      for (const r of rows) {
        const attempts = r.attempts + 1;
        if (!err.retryable) {
          d.db.update(outbox).set({ status: 'dead', attempts, lastError: err.message }).where(eq(outbox.id, r.id)).run();
          if (r.payload.template !== 'delivery.failed') this.reportDead(r, err);
          continue;
        }
        const { retryBaseSeconds, retryMaxSeconds } = d.rules.delivery;
        const backoff = Math.min(retryBaseSeconds * 2 ** (attempts - 1), retryMaxSeconds) * 1000;
        const wait = Math.max(backoff, err.retryAfterMs ?? 0);
        d.db.update(outbox).set({ attempts, lastError: err.message, nextAttemptAt: new Date(now.getTime() + wait) }).where(eq(outbox.id, r.id)).run();
      }
    });
    if (err.retryable) stats.retried += rows.length;
    else stats.dead += rows.length;
    this.logger.warn({ event: err.retryable ? 'notice.retry' : 'notice.dead', code: err.code, error: err.message, rows: rows.length }, 'notice not delivered');
  }

  private reportDead(row: OutboxRow, err: SendError): void {
    const d = this.domain.deps;
    const who = row.recipientType === 'staff' ? this.domain.dir.get(row.recipientId)?.name ?? row.recipientId : `群 ${this.domain.groups.byId(Number(row.recipientId))?.name ?? row.recipientId}`;
    for (const admin of this.domain.dir.admins()) {
      if (admin.id === row.recipientId) continue;
      enqueueNotice(d, {
        key: `delivery-failed:${row.id}`,
        to: { type: 'staff', id: admin.id },
        payload: { template: 'delivery.failed', params: { recipient: who, platform: row.platform ?? '', error: err.message } },
      });
    }
  }
}
