import { randomUUID } from 'node:crypto';
import { and, asc, eq, lte, min } from 'drizzle-orm';
import { isBusyError, retryWhileBusy, type BusyRetry } from '../../db/busy';
import type { Domain, DomainRoot } from '../domain/domain';
import type { Logger } from '../log/logger';
import type { DeliveryTarget, OutboundMessage, Platform } from '../platforms/types';
import { SendError } from '../platforms/types';
import type { Card } from '../../bot-cards/card';
import { quietUntil } from '../domain/time';
import { enqueueNotice } from '../domain/outbox/notices';
import { cardIdText, deliveriesOf, getCard, markDeliveryVersion, recordCardDelivery } from '../domain/cards/cards';
import { compose, ensureReminderCard, needsReminderCard, type Composed, type OutboxRow } from './compose';
import { fitAudience, type AudienceFit } from './fit-audience';
import { cardForTarget } from '../bot/fit-card';
import { PRIVATE_REPLY_TEMPLATE } from '../bot/render/undelivered-reply';
import { collectDisclosuresAsync } from '../bot/render/disclosures';
import type { Disclosure } from '../domain/org/disclosure';
import { mentionsFor, routeToGroup, routeToStaff, type Route } from './routing';
import { anyExpiredClaims, claimRows, nextLeaseExpiry, reclaimExpired, settleRow, type Claim } from './outbox-claims';
import { staleReason } from './stale-notices';

const BATCH = 200;

/** Writes that settle an attempt after the platform answered: worth waiting a few seconds for. */
const SETTLE_RETRY: BusyRetry = { attempts: 8, delayMs: 25 };
/** Writes before a send (claim, back-off of a notice that could not be composed): the next pass tries again. */
const CLAIM_RETRY: BusyRetry = { attempts: 3, delayMs: 25 };
/** After a pass that met a busy database, kicks wait this long before the next pass. */
const BUSY_COOLDOWN_MS = 1000;

export interface DispatchStats {
  sent: number;
  retried: number;
  dead: number;
  held: number;
  cancelled: number;
}

/** A write of one unit of work, kept to be tried again while the database is busy. */
type Write = (d: Domain) => Promise<void>;

/** What one batch of notices becomes, worked out (read-only) before anything is claimed. */
type Plan =
  | { kind: 'no_route' }
  | { kind: 'unrenderable'; error: unknown }
  | { kind: 'withheld' }
  /** `rows` as they now are (a reminder digest's card saved on them). */
  | { kind: 'send'; rows: OutboxRow[]; via: Route; message: OutboundMessage; composed: Composed; fit: AudienceFit };

/** One copy of a card to bring up to date, worked out before the platforms are called. */
type CopyUpdate =
  | { kind: 'unread'; deliveryId: number; version: number }
  | { kind: 'update'; deliveryId: number; version: number; platform: Platform; to: DeliveryTarget; ref: string; content: Card };

/**
 * Delivers the outbox: route → compose → claim → send → mark. A row is claimed ('sending', with
 * an attempt id) in one short unit of work before the platform is called, and marked sent (or
 * due again with back-off, or dead) in another after; no unit of work is open while a platform is
 * called. While the database is busy that mark is retried, and a mark that cannot be written yet
 * stays with this process, the row 'sending' and not due, so a busy database never causes a
 * second send. A process that dies between send and mark leaves a claim that expires
 * (rules.delivery.claimLeaseSeconds) and is sent again: at-least-once across a crash.
 * A send that can never succeed is marked dead and reported to the admins.
 */
export class Dispatcher {
  private running: Promise<DispatchStats> | undefined;
  private again = false;
  /** Claims of this process start with it; other processes' expired claims are taken back. */
  private readonly claimPrefix = `${randomUUID().slice(0, 8)}:`;
  private claims = 0;
  /** Marks of attempts that happened but could not be written yet (database busy), by claim id. */
  private readonly unsettled = new Map<string, Write>();
  /** Set when a write of this pass met a busy database: the rest of the pass waits for the next one. */
  private metBusy = false;
  private cooldown: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: DomainRoot,
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
  async nextDueAt(): Promise<Date | undefined> {
    const env = this.root.env;
    const { pending, lease } = await this.root.read(async (d) => {
      const { db, t } = d.deps.tx;
      const [row] = await db.select({ at: min(t.outbox.nextAttemptAt) }).from(t.outbox).where(eq(t.outbox.status, 'pending'));
      return { pending: row?.at, lease: await nextLeaseExpiry(d, this.claimPrefix) };
    });
    const times = [pending, lease].filter((t): t is Date => t instanceof Date).map((t) => t.getTime());
    if (times.length === 0) return undefined;
    const at = new Date(Math.max(Math.min(...times), env.clock.now().getTime()));
    return quietUntil(env.time, at, env.rules.schedule.quietHours) ?? at;
  }

  private async pass(): Promise<DispatchStats> {
    const env = this.root.env;
    const stats: DispatchStats = { sent: 0, retried: 0, dead: 0, held: 0, cancelled: 0 };
    this.metBusy = false;
    await this.settleLeftovers();
    await this.takeBackExpiredClaims();
    if (this.metBusy) return stats;
    const now = env.clock.now();
    const quiet = quietUntil(env.time, now, env.rules.schedule.quietHours);
    const rows = await this.root.read(async (d) => {
      const { db, t } = d.deps.tx;
      return db
        .select()
        .from(t.outbox)
        .where(and(eq(t.outbox.status, 'pending'), lte(t.outbox.nextAttemptAt, now)))
        .orderBy(asc(t.outbox.id))
        .limit(BATCH);
    });
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
    let rows = await this.dropStale(all, stats);
    if (rows.length === 0) return;
    // Composing reminders writes their card first: then the plan is worked out in a write.
    const withCard = needsReminderCard(rows);
    let plan: Plan;
    try {
      const all = rows;
      plan = withCard ? await this.root.write((d) => this.plan(d, all, true)) : await this.root.read((d) => this.plan(d, all, false));
    } catch (error) {
      if (!withCard || !isBusyError(error)) throw error;
      plan = { kind: 'unrenderable', error };
    }
    if (plan.kind === 'send') rows = plan.rows;
    const first = rows[0]!;
    if (plan.kind === 'no_route') {
      await this.fail(rows, new SendError(`没有可用的平台能找到收件人 ${first.recipientType}:${first.recipientId}`, { retryable: false, code: 'no_route' }), undefined, stats);
      return;
    }
    if (plan.kind === 'unrenderable') {
      // A busy database is not a render error: the notice waits and is composed again.
      const e = plan.error;
      if (isBusyError(e)) this.metBusy = true;
      const err = isBusyError(e)
        ? new SendError(`数据库忙，稍后重试：${(e as Error).message}`, { retryable: true, code: 'db_busy' })
        : new SendError(`无法生成消息：${(e as Error).message}`, { retryable: false, code: 'render' });
      await this.fail(rows, err, undefined, stats);
      return;
    }
    if (plan.kind === 'withheld') {
      await this.fail(rows, new SendError('群里有成员无权查看这条通知的内容，没有发到群里', { retryable: false, code: 'audience' }), undefined, stats);
      return;
    }
    const { via, message, composed, fit } = plan;
    const claim = await this.claim(rows);
    if (!claim) return;
    try {
      const receipt = await via.platform.send({ to: via.to, message, key: `outbox:${rows.map((r) => r.id).join(',')}` });
      await this.settle(claim, async (d) => {
        for (const r of rows) {
          await settleRow(d, r.id, claim.id, { status: 'sent', sentAt: d.deps.clock.now(), platform: via.platform.name, attempts: r.attempts + 1, lastError: null });
        }
        if (fit.kind === 'private') await fit.pointer(d);
        if (composed.cardId !== undefined) {
          const card = (await getCard(d.deps, composed.cardId))!;
          await recordCardDelivery(d.deps, {
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

  /**
   * Route, message and audience of one batch, in the unit of work of `d`: read-only unless
   * `withCard` (reminders whose digest card is created first, in a savepoint: a render error
   * undoes nothing else, as it changes nothing else).
   */
  private async plan(d: Domain, all: OutboxRow[], withCard: boolean): Promise<Plan> {
    const first = all[0]!;
    const route: Route | undefined =
      first.recipientType === 'staff'
        ? await routeToStaff(d, this.platforms, first.recipientId, first.channel)
        : await routeToGroup(d, this.platforms, Number(first.recipientId));
    if (!route) return { kind: 'no_route' };
    let rows = all;
    let composed: Composed;
    let disclosed: Disclosure[];
    try {
      if (withCard) rows = await d.deps.tx.savepoint(() => ensureReminderCard(d, all));
      ({ value: composed, disclosed } = await collectDisclosuresAsync(() => compose(d, rows)));
    } catch (error) {
      return { kind: 'unrenderable', error };
    }
    const fit = await fitAudience(d, this.platforms, rows, route, disclosed);
    if (fit.kind === 'withheld') return { kind: 'withheld' };
    const via = fit.kind === 'private' ? fit.route : route;
    const mentions = await mentionsFor(d, via.platform, composed.mentions.filter((id) => id !== first.recipientId || via.to.kind === 'chat'));
    if (via.mention && !mentions.some((m) => m.platformUserId === via.mention!.platformUserId)) mentions.unshift(via.mention);
    const message = via.to.kind === 'chat' ? { ...composed.message, mentions } : composed.message;
    return { kind: 'send', rows, via, message, composed, fit };
  }

  /** Cancels the notices no longer worth sending (an approval decided while its request waited). */
  private async dropStale(rows: OutboxRow[], stats: DispatchStats): Promise<OutboxRow[]> {
    const stale = await this.root.read(async (d) => {
      const found: { r: OutboxRow; reason: string }[] = [];
      for (const r of rows) {
        const reason = await staleReason(d, r);
        if (reason !== undefined) found.push({ r, reason });
      }
      return found;
    });
    if (stale.length === 0) return rows;
    try {
      await retryWhileBusy(
        () =>
          this.root.write(async (d) => {
            for (const { r, reason } of stale) await settleRow(d, r.id, undefined, { status: 'cancelled', lastError: reason });
          }),
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
    const claim = await this.claim([row]);
    if (!claim) return;
    const refreshed: { id: number; version: number }[] = [];
    const markRefreshed: Write = async (d) => {
      for (const r of refreshed) await markDeliveryVersion(d.deps, r.id, r.version);
    };
    try {
      const copies = await this.root.read((d) => this.copiesToUpdate(d, row.payload.cardId!));
      for (const c of copies) {
        if (c.kind === 'update') {
          const result = await c.platform.updateCard(c.ref, c.to, c.content);
          if (result === 'expired') {
            // The platform no longer lets us edit that copy: post the new state as a fresh message.
            await c.platform.send({ to: c.to, message: { text: '卡片状态已更新：', card: c.content } });
          }
        }
        refreshed.push({ id: c.deliveryId, version: c.version });
      }
    } catch (e) {
      await this.fail([row], e, claim, stats, markRefreshed);
      return;
    }
    await this.settle(claim, async (d) => {
      await markRefreshed(d);
      await settleRow(d, row.id, claim.id, { status: 'sent', sentAt: d.deps.clock.now(), attempts: row.attempts + 1 });
    });
    stats.sent++;
  }

  /** The copies of a card showing an older state, each with its new content (read-only). */
  private async copiesToUpdate(d: Domain, cardId: number): Promise<CopyUpdate[]> {
    const card = await getCard(d.deps, cardId);
    if (!card) return [];
    const out: CopyUpdate[] = [];
    for (const del of await deliveriesOf(d.deps, card.id)) {
      if (del.version >= card.version) continue;
      const platform = this.platforms.find((p) => p.name === del.platform);
      if (!platform) continue;
      const to: DeliveryTarget = del.targetKind === 'chat' ? { kind: 'chat', chatId: del.targetId } : { kind: 'user', platformUserId: del.targetId };
      // A copy in the private chat of someone who has left: nobody reads it any more.
      const reader = to.kind === 'user' ? await d.dir.byPlatformId(platform.name, to.platformUserId) : undefined;
      if (reader?.active === false) {
        out.push({ kind: 'unread', deliveryId: del.id, version: card.version });
        continue;
      }
      const content = await cardForTarget(d, platform.name, to, card);
      out.push({ kind: 'update', deliveryId: del.id, version: card.version, platform, to, ref: del.cardRef ?? cardIdText(card.id), content });
    }
    return out;
  }

  /** Claims the rows for one attempt; undefined when another dispatcher has them or the database stays busy. */
  private async claim(rows: OutboxRow[]): Promise<Claim | undefined> {
    const claim: Claim = { id: `${this.claimPrefix}${++this.claims}`, at: this.root.env.clock.now() };
    try {
      if (await retryWhileBusy(() => this.root.write((d) => claimRows(d, rows, claim)), CLAIM_RETRY)) return claim;
      this.logger.info({ event: 'notice.claimed_elsewhere', rows: rows.length }, 'another dispatcher has these notices');
    } catch (e) {
      if (!isBusyError(e)) throw e;
      this.metBusy = true;
      this.logger.warn({ event: 'notice.busy', step: 'claim', rows: rows.length }, 'database busy: notices wait for the next pass');
    }
    return undefined;
  }

  /**
   * Writes the outcome of a claimed attempt in a unit of work of its own, waiting (without
   * blocking the event loop) while the database is busy. If it stays busy the write is kept and
   * tried again at each pass; meanwhile the rows stay 'sending' under this process's claim, so
   * they are not sent again.
   */
  private async settle(claim: Claim, write: Write): Promise<void> {
    try {
      await retryWhileBusy(() => this.root.write(write), SETTLE_RETRY);
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
        await retryWhileBusy(() => this.root.write(write), CLAIM_RETRY);
        this.unsettled.delete(id);
      } catch (e) {
        if (!isBusyError(e)) throw e;
        this.metBusy = true;
        return;
      }
    }
  }

  private async takeBackExpiredClaims(): Promise<void> {
    try {
      // Read first: most passes find none, and need not wait for the write lock to learn it.
      if (!(await this.root.read((d) => anyExpiredClaims(d, this.claimPrefix)))) return;
      const n = await this.root.write((d) => reclaimExpired(d, this.claimPrefix));
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
  private async fail(rows: OutboxRow[], e: unknown, claim: Claim | undefined, stats: DispatchStats, alsoWrite: Write = async () => undefined): Promise<void> {
    const env = this.root.env;
    const err = e instanceof SendError ? e : isBusyError(e) ? new SendError(`数据库忙，稍后重试：${(e as Error).message}`, { retryable: true, code: 'db_busy' }) : new SendError((e as Error)?.message ?? String(e), { retryable: true });
    const now = env.clock.now();
    const write: Write = async (d) => {
      await alsoWrite(d);
      for (const r of rows) {
        const attempts = r.attempts + 1;
        if (!err.retryable) {
          const held = await settleRow(d, r.id, claim?.id, { status: 'dead', attempts, lastError: err.message });
          if (held && r.payload.template !== 'delivery.failed') await this.reportDead(d, r, err);
          continue;
        }
        const { retryBaseSeconds, retryMaxSeconds } = d.deps.rules.delivery;
        const backoff = Math.min(retryBaseSeconds * 2 ** (attempts - 1), retryMaxSeconds) * 1000;
        const wait = Math.max(backoff, err.retryAfterMs ?? 0);
        await settleRow(d, r.id, claim?.id, { status: 'pending', attempts, lastError: err.message, nextAttemptAt: new Date(now.getTime() + wait), claimId: null, claimedAt: null });
      }
    };
    if (claim) await this.settle(claim, write);
    else {
      try {
        await retryWhileBusy(() => this.root.write(write), CLAIM_RETRY);
      } catch (busy) {
        if (!isBusyError(busy)) throw busy;
        this.metBusy = true;
      }
    }
    if (err.retryable) stats.retried += rows.length;
    else stats.dead += rows.length;
    this.logger.warn({ event: err.retryable ? 'notice.retry' : 'notice.dead', code: err.code, error: err.message, rows: rows.length }, 'notice not delivered');
  }

  private async reportDead(d: Domain, row: OutboxRow, err: SendError): Promise<void> {
    const who = row.recipientType === 'staff' ? (await d.dir.get(row.recipientId))?.name ?? row.recipientId : `群 ${(await d.groups.byId(Number(row.recipientId)))?.name ?? row.recipientId}`;
    for (const admin of await d.dir.admins()) {
      if (admin.id === row.recipientId) continue;
      await enqueueNotice(d.deps, {
        key: `delivery-failed:${row.id}`,
        to: { type: 'staff', id: admin.id },
        payload: { template: 'delivery.failed', params: { recipient: who, platform: row.platform ?? '', error: err.message } },
      });
    }
  }
}
