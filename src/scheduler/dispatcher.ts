import { randomUUID } from 'node:crypto';
import { and, asc, eq, lte, min } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import { writeTx } from '../../db/open';
import { isBusyError, retryWhileBusy, type BusyRetry } from '../../db/busy';
import type { Domain } from '../domain/domain';
import type { Logger } from '../log/logger';
import type { Platform } from '../platforms/types';
import { SendError } from '../platforms/types';
import { quietUntil } from '../domain/time';
import { enqueueNotice } from '../domain/outbox/notices';
import { cardIdText, deliveriesOf, getCard, markDeliveryVersion, recordCardDelivery } from '../domain/cards/cards';
import { compose, type OutboxRow } from './compose';
import { fitAudience } from './fit-audience';
import { cardForTarget } from '../bot/fit-card';
import { PRIVATE_REPLY_TEMPLATE } from '../bot/render/undelivered-reply';
import { collectDisclosures } from '../bot/render/disclosures';
import type { Disclosure } from '../domain/org/disclosure';
import { mentionsFor, routeToGroup, routeToStaff, type Route } from './routing';
import { claimRows, heldBy, nextLeaseExpiry, reclaimExpired, type Claim } from './outbox-claims';
import { staleReason } from './stale-notices';

const BATCH = 200;

/** Writes that settle an attempt after the platform answered: worth waiting a few seconds for. */
const SETTLE_RETRY: BusyRetry = { attempts: 8, delayMs: 25 };
/** Writes before a send (claim, back-off of a notice that could not be composed): the next pass tries again. */
const CLAIM_RETRY: BusyRetry = { attempts: 3, delayMs: 25 };
/** After a pass stopped by a busy database, kicks wait this long before the next pass. */
const BUSY_COOLDOWN_MS = 1000;

export interface DispatchStats {
  sent: number;
  retried: number;
  dead: number;
  held: number;
  cancelled: number;
}

/**
 * Delivers the outbox: route → compose → claim → send → mark. A row is claimed ('sending', with
 * an attempt id) in one short write before the platform is called, and marked sent (or due again
 * with back-off, or dead) after; while the database is busy that mark is retried, and a mark that
 * cannot be written yet stays with this process, the row 'sending' and not due, so a busy
 * database never causes a second send. A process that dies between send and mark leaves a claim
 * that expires (rules.delivery.claimLeaseSeconds) and is sent again: at-least-once across a crash.
 * A send that can never succeed is marked dead and reported to the admins.
 */
export class Dispatcher {
  private running: Promise<DispatchStats> | undefined;
  private again = false;
  /** Claims of this process start with it; other processes' expired claims are taken back. */
  private readonly claimPrefix = `${randomUUID().slice(0, 8)}:`;
  private claims = 0;
  /** Marks of attempts that happened but could not be written yet (database busy), by claim id. */
  private readonly unsettled = new Map<string, () => void>();
  /** Set when a write of this pass met a busy database: the rest of the pass waits for the next one. */
  private metBusy = false;
  private cooldown: NodeJS.Timeout | undefined;

  constructor(
    private readonly domain: Domain,
    private readonly platforms: Platform[],
    private readonly logger: Logger,
  ) {}

  /**
   * Runs soon; calls while a run is going on coalesce into one more run. After a pass that met a
   * busy database the next one waits a little: each try waits out the busy timeout, and the
   * commands people are typing should get the lock first.
   */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.metBusy) {
      this.cooldown ??= setTimeout(() => {
        this.cooldown = undefined;
        this.metBusy = false;
        this.kick();
      }, BUSY_COOLDOWN_MS);
      this.cooldown.unref?.();
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
      while (this.again && !this.metBusy) {
        this.again = false;
        this.running = this.pass();
        const more = await this.running;
        stats = { sent: stats.sent + more.sent, retried: stats.retried + more.retried, dead: stats.dead + more.dead, held: more.held, cancelled: stats.cancelled + more.cancelled };
      }
      return stats;
    } finally {
      this.running = undefined;
    }
  }

  /** Attempts whose outcome is not written yet (the database was busy); the next pass writes them. */
  unsettledCount(): number {
    return this.unsettled.size;
  }

  /** When the next pending row becomes due (for the console's virtual clock and idle timers). */
  nextDueAt(): Date | undefined {
    const d = this.domain.deps;
    const row = d.db.select({ at: min(outbox.nextAttemptAt) }).from(outbox).where(eq(outbox.status, 'pending')).get();
    const lease = nextLeaseExpiry(d, this.claimPrefix);
    const times = [row?.at, lease].filter((t): t is Date => t instanceof Date).map((t) => t.getTime());
    if (times.length === 0) return undefined;
    const at = new Date(Math.max(Math.min(...times), d.clock.now().getTime()));
    return quietUntil(d.time, at, d.rules.schedule.quietHours) ?? at;
  }

  private async pass(): Promise<DispatchStats> {
    const d = this.domain.deps;
    const stats: DispatchStats = { sent: 0, retried: 0, dead: 0, held: 0, cancelled: 0 };
    this.metBusy = false;
    await this.settleLeftovers();
    this.takeBackExpiredClaims();
    if (this.metBusy) return stats;
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
      if (this.metBusy) return stats;
      if (r.kind === 'card_update') {
        await this.refreshCard(r, stats);
        continue;
      }
      // A reply the asker gets privately answers what they just typed: quiet hours do not hold it.
      if (quiet && r.payload.template !== PRIVATE_REPLY_TEMPLATE) {
        stats.held++;
        continue;
      }
      const key = r.batchKey ? `${r.recipientType}:${r.recipientId}:${r.channel}:${r.batchKey}` : `row:${r.id}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      if (this.metBusy) break;
      await this.deliver(group, stats);
      // A send refused at once (a conversation over its rate) settles without giving the event
      // loop a turn; yield so that a long pass never holds up the commands people are typing.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return stats;
  }

  private async deliver(all: OutboxRow[], stats: DispatchStats): Promise<void> {
    const rows = await this.dropStale(all, stats);
    if (rows.length === 0) return;
    const first = rows[0]!;
    const route: Route | undefined =
      first.recipientType === 'staff'
        ? routeToStaff(this.domain, this.platforms, first.recipientId, first.channel)
        : routeToGroup(this.domain, this.platforms, Number(first.recipientId));
    if (!route) {
      await this.fail(rows, new SendError(`没有可用的平台能找到收件人 ${first.recipientType}:${first.recipientId}`, { retryable: false, code: 'no_route' }), undefined, stats);
      return;
    }
    let composed;
    let disclosed: Disclosure[];
    try {
      ({ value: composed, disclosed } = collectDisclosures(() => compose(this.domain, rows)));
    } catch (e) {
      // A busy database is not a render error: the notice waits and is composed again.
      if (isBusyError(e)) this.metBusy = true;
      const err = isBusyError(e)
        ? new SendError(`数据库忙，稍后重试：${(e as Error).message}`, { retryable: true, code: 'db_busy' })
        : new SendError(`无法生成消息：${(e as Error).message}`, { retryable: false, code: 'render' });
      await this.fail(rows, err, undefined, stats);
      return;
    }
    const fit = fitAudience(this.domain, this.platforms, rows, route, disclosed);
    if (fit.kind === 'withheld') {
      await this.fail(rows, new SendError('群里有成员无权查看这条通知的内容，没有发到群里', { retryable: false, code: 'audience' }), undefined, stats);
      return;
    }
    const via = fit.kind === 'private' ? fit.route : route;
    const mentions = mentionsFor(this.domain, via.platform, composed.mentions.filter((id) => id !== first.recipientId || via.to.kind === 'chat'));
    if (via.mention && !mentions.some((m) => m.platformUserId === via.mention!.platformUserId)) mentions.unshift(via.mention);
    const message = via.to.kind === 'chat' ? { ...composed.message, mentions } : composed.message;
    const claim = await this.claim(rows);
    if (!claim) return;
    try {
      const receipt = await via.platform.send({ to: via.to, message, key: `outbox:${rows.map((r) => r.id).join(',')}` });
      const d = this.domain.deps;
      await this.settle(claim, () => {
        for (const r of rows) {
          d.db.update(outbox).set({ status: 'sent', sentAt: d.clock.now(), platform: via.platform.name, attempts: r.attempts + 1, lastError: null }).where(heldBy(r.id, claim.id)).run();
        }
        if (fit.kind === 'private') fit.pointer();
        if (composed.cardId !== undefined) {
          const card = getCard(d, composed.cardId)!;
          recordCardDelivery(d, {
            cardId: card.id,
            platform: via.platform.name,
            targetKind: via.to.kind,
            targetId: via.to.kind === 'chat' ? via.to.chatId : via.to.platformUserId,
            version: card.version,
            ...(receipt.cardRef ? { cardRef: receipt.cardRef } : {}),
          });
        }
      });
      stats.sent += rows.length;
      // The group's one-line pointer was queued with the mark: send it in this run, not the next.
      if (fit.kind === 'private') this.again = true;
      this.logger.info({ event: 'notice.sent', platform: via.platform.name, rows: rows.length, template: first.payload.template }, 'notice delivered');
    } catch (e) {
      await this.fail(rows, e, claim, stats);
    }
  }

  /** Cancels the notices no longer worth sending (an approval decided while its request waited). */
  private async dropStale(rows: OutboxRow[], stats: DispatchStats): Promise<OutboxRow[]> {
    const stale = rows.map((r) => ({ r, reason: staleReason(this.domain, r) })).filter((x) => x.reason !== undefined);
    if (stale.length === 0) return rows;
    const d = this.domain.deps;
    try {
      await retryWhileBusy(
        () => writeTx(d.db, () => stale.forEach(({ r, reason }) => d.db.update(outbox).set({ status: 'cancelled', lastError: reason! }).where(heldBy(r.id, undefined)).run())),
        CLAIM_RETRY,
      );
    } catch (e) {
      if (!isBusyError(e)) throw e;
      this.metBusy = true;
      this.logger.warn({ event: 'notice.busy', step: 'cancel', rows: stale.length }, 'database busy: notices wait for the next pass');
      return [];
    }
    stats.cancelled += stale.length;
    this.logger.info({ event: 'notice.cancelled', rows: stale.length, template: stale[0]!.r.payload.template, reason: stale[0]!.reason }, 'notice no longer needed');
    return rows.filter((r) => !stale.some((s) => s.r.id === r.id));
  }

  /** Pushes a card's new state to every copy still showing an older one. */
  private async refreshCard(row: OutboxRow, stats: DispatchStats): Promise<void> {
    const d = this.domain.deps;
    const claim = await this.claim([row]);
    if (!claim) return;
    const card = getCard(d, row.payload.cardId!);
    const refreshed: { id: number; version: number }[] = [];
    const markRefreshed = () => refreshed.forEach((r) => markDeliveryVersion(d, r.id, r.version));
    try {
      if (card) {
        for (const del of deliveriesOf(d, card.id)) {
          if (del.version >= card.version) continue;
          const platform = this.platforms.find((p) => p.name === del.platform);
          if (!platform) continue;
          const to = del.targetKind === 'chat' ? { kind: 'chat' as const, chatId: del.targetId } : { kind: 'user' as const, platformUserId: del.targetId };
          // A copy in the private chat of someone who has left: nobody reads it any more.
          const reader = to.kind === 'user' ? this.domain.dir.byPlatformId(platform.name, to.platformUserId) : undefined;
          if (reader?.active === false) {
            refreshed.push({ id: del.id, version: card.version });
            continue;
          }
          const content = cardForTarget(this.domain, platform.name, to, card);
          const result = await platform.updateCard(del.cardRef ?? cardIdText(card.id), to, content);
          if (result === 'expired') {
            // The platform no longer lets us edit that copy: post the new state as a fresh message.
            await platform.send({ to, message: { text: '卡片状态已更新：', card: content } });
          }
          refreshed.push({ id: del.id, version: card.version });
        }
      }
    } catch (e) {
      await this.fail([row], e, claim, stats, markRefreshed);
      return;
    }
    await this.settle(claim, () => {
      markRefreshed();
      d.db.update(outbox).set({ status: 'sent', sentAt: d.clock.now(), attempts: row.attempts + 1 }).where(heldBy(row.id, claim.id)).run();
    });
    stats.sent++;
  }

  /** Claims the rows for one attempt; undefined when another dispatcher has them or the database stays busy. */
  private async claim(rows: OutboxRow[]): Promise<Claim | undefined> {
    const d = this.domain.deps;
    const claim: Claim = { id: `${this.claimPrefix}${++this.claims}`, at: d.clock.now() };
    try {
      if (await retryWhileBusy(() => claimRows(d, rows, claim), CLAIM_RETRY)) return claim;
      this.logger.info({ event: 'notice.claimed_elsewhere', rows: rows.length }, 'another dispatcher has these notices');
    } catch (e) {
      if (!isBusyError(e)) throw e;
      this.metBusy = true;
      this.logger.warn({ event: 'notice.busy', step: 'claim', rows: rows.length }, 'database busy: notices wait for the next pass');
    }
    return undefined;
  }

  /**
   * Writes the outcome of a claimed attempt, waiting (without blocking the event loop) while the
   * database is busy. If it stays busy the write is kept and tried again at each pass; meanwhile
   * the rows stay 'sending' under this process's claim, so they are not sent again.
   */
  private async settle(claim: Claim, write: () => void): Promise<void> {
    try {
      await retryWhileBusy(() => writeTx(this.domain.deps.db, write), SETTLE_RETRY);
    } catch (e) {
      if (!isBusyError(e)) throw e;
      this.metBusy = true;
      this.unsettled.set(claim.id, write);
      this.logger.warn({ event: 'notice.settle_deferred', claim: claim.id }, 'database busy: the outcome of a send is written later');
    }
  }

  private async settleLeftovers(): Promise<void> {
    for (const [id, write] of [...this.unsettled]) {
      try {
        await retryWhileBusy(() => writeTx(this.domain.deps.db, write), CLAIM_RETRY);
        this.unsettled.delete(id);
      } catch (e) {
        if (!isBusyError(e)) throw e;
        this.metBusy = true;
        return;
      }
    }
  }

  private takeBackExpiredClaims(): void {
    try {
      const n = reclaimExpired(this.domain.deps, this.claimPrefix);
      if (n > 0) this.logger.warn({ event: 'notice.claim_expired', rows: n }, 'notices claimed by a process that stopped are due again');
    } catch (e) {
      if (!isBusyError(e)) throw e;
      this.metBusy = true;
    }
  }

  /**
   * A failed attempt: due again after a back-off, or dead (and reported) when it can never
   * succeed. Rows not claimed yet (no route, not composable) are settled only if still pending;
   * when the database is too busy for that they simply stay due.
   */
  private async fail(rows: OutboxRow[], e: unknown, claim: Claim | undefined, stats: DispatchStats, alsoWrite: () => void = () => undefined): Promise<void> {
    const d = this.domain.deps;
    const err = e instanceof SendError ? e : isBusyError(e) ? new SendError(`数据库忙，稍后重试：${(e as Error).message}`, { retryable: true, code: 'db_busy' }) : new SendError((e as Error)?.message ?? String(e), { retryable: true });
    const now = d.clock.now();
    const write = () => {
      alsoWrite();
      for (const r of rows) {
        const attempts = r.attempts + 1;
        if (!err.retryable) {
          const res = d.db.update(outbox).set({ status: 'dead', attempts, lastError: err.message }).where(heldBy(r.id, claim?.id)).run();
          if (res.changes > 0 && r.payload.template !== 'delivery.failed') this.reportDead(r, err);
          continue;
        }
        const { retryBaseSeconds, retryMaxSeconds } = d.rules.delivery;
        const backoff = Math.min(retryBaseSeconds * 2 ** (attempts - 1), retryMaxSeconds) * 1000;
        const wait = Math.max(backoff, err.retryAfterMs ?? 0);
        d.db.update(outbox).set({ status: 'pending', attempts, lastError: err.message, nextAttemptAt: new Date(now.getTime() + wait), claimId: null, claimedAt: null }).where(heldBy(r.id, claim?.id)).run();
      }
    };
    if (claim) await this.settle(claim, write);
    else {
      try {
        await retryWhileBusy(() => writeTx(d.db, write), CLAIM_RETRY);
      } catch (busy) {
        if (!isBusyError(busy)) throw busy;
        this.metBusy = true;
      }
    }
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
