// The WeCom Platform: the intelligent bot (long connection) for groups and its single chats, the
// self-built application (HTTP) for members, or both. With both, groups go through the bot and
// members through the application, which can reach anyone in its visibility without the member
// having written to the bot first (doc 101463: pushes need a prior message in that conversation).
import type { Router } from 'express';
import type { Card } from '../../../bot-cards/card';
import { systemClock, type Clock } from '../../clock/clock';
import type { Logger } from '../../log/logger';
import type {
  Delivery,
  DeliveryTarget,
  InboundHandlers,
  Platform,
  PlatformHealth,
  SendReceipt,
} from '../types';
import { AibotConnection } from './aibot/connection';
import { AibotInbound } from './aibot/inbound';
import { AIBOT_CARD_REF_PREFIX, AibotOutbound } from './aibot/outbound';
import { AccessTokenCache } from './app/access-token';
import { CallbackCrypto } from './app/callback-crypto';
import { createCallbackRouter } from './app/callback-router';
import type { AppCallback } from './app/decode';
import { handleAppCallback } from './app/inbound';
import { APP_CARD_REF_PREFIX, AppOutbound } from './app/outbound';
import { QyApi } from './app/qyapi';
import type { WecomConfig } from './config';
import { deliverItems, DeliveryFailure, type PartSender, type RetryOptions, type Undelivered } from './delivery';
import { messageParts, type PartOptions } from './encode/message';
import { AIBOT_MARKDOWN_MAX_BYTES, APP_MARKDOWN_MAX_BYTES } from './encode/text';
import { RecentIds } from '../recent-ids';
import { realTiming, SendQueue, type Timing } from './send-queue';

export interface WecomDeps {
  logger: Logger;
  clock?: Clock;
  /** A reply the platform gave up on (permanent error, or retries exhausted): the core may record it. */
  onUndelivered?: Undelivered;
  /** Retries of replies that failed (no outbox behind them): default 5 attempts from 1 s, doubling. */
  replyRetry?: { attempts: number; backoffBaseMs: number };
  /** For tests: HTTP client for qyapi, and the clock and sleep used for pacing. */
  fetch?: typeof fetch;
  timing?: Timing;
}

/** How long a proactive send waits for a dropped long connection to come back before failing retryable. */
const CONNECT_WAIT_MS = 10_000;
const REPLY_RETRY_ATTEMPTS = 5;
/** stop() waits this long for replies still being sent, then leaves them (they log as undelivered). */
const STOP_GRACE_MS = 5_000;

type Channel = 'aibot' | 'app';

export class WecomPlatform implements Platform {
  readonly name = 'wecom' as const;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly queue: SendQueue;
  private readonly recent: RecentIds;
  private readonly conn?: AibotConnection;
  private readonly aibotOut?: AibotOutbound;
  private readonly appOut?: AppOutbound;
  private readonly crypto?: CallbackCrypto;
  private aibotIn?: AibotInbound;
  private handlers?: InboundHandlers;
  private stopped = true;
  private since: string;
  private readonly inFlight = new Set<Promise<void>>();
  private stopSignal = new AbortController();

  constructor(
    private readonly config: WecomConfig,
    private readonly deps: WecomDeps,
  ) {
    this.logger = deps.logger.child({ platform: 'wecom' });
    this.clock = deps.clock ?? systemClock;
    this.since = this.clock.now().toISOString();
    const timing = deps.timing ?? realTiming;
    this.queue = new SendQueue(config.rateLimits, config.sendMaxWaitMs, timing);
    this.recent = new RecentIds(2000, 10 * 60_000, timing.now);
    if (config.aibot) {
      this.conn = new AibotConnection(config.aibot, this.logger.child({ part: 'aibot' }), this.clock);
      this.aibotOut = new AibotOutbound(this.conn, this.queue, CONNECT_WAIT_MS);
    }
    if (config.app) {
      const app = config.app;
      const tokens = new AccessTokenCache({
        apiBase: app.apiBase,
        corpId: app.corpId,
        secret: app.secret,
        logger: this.logger.child({ part: 'app' }),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        now: timing.now,
      });
      this.appOut = new AppOutbound(new QyApi(app.apiBase, tokens, deps.fetch ?? fetch), this.queue, app.agentId, config.cardLinkUrl);
      this.crypto = new CallbackCrypto({
        token: app.callbackToken,
        aesKey: app.callbackAesKey,
        corpId: app.corpId,
        maxSkewS: app.maxClockSkewS,
        clock: this.clock,
      });
    }
  }

  get exclusive(): boolean {
    return this.conn !== undefined;
  }

  async start(handlers: InboundHandlers): Promise<void> {
    this.handlers = handlers;
    this.stopped = false;
    this.stopSignal = new AbortController();
    this.since = this.clock.now().toISOString();
    if (this.conn && this.aibotOut) {
      this.aibotIn = new AibotInbound({
        conn: this.conn,
        outbound: this.aibotOut,
        handlers,
        recent: this.recent,
        logger: this.logger.child({ part: 'aibot' }),
        partOptions: this.partOptions('aibot'),
        retry: this.retryOptions(),
        botName: this.config.aibot?.botName,
      });
      this.aibotIn.attach();
      try {
        await this.conn.start();
      } catch (err) {
        await this.stop();
        throw err;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.since = this.clock.now().toISOString();
    this.stopSignal.abort();
    this.conn?.stop();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([this.aibotIn?.detach(), ...this.inFlight]),
      new Promise((resolve) => {
        grace = setTimeout(resolve, STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(grace);
  }

  async send(delivery: Delivery): Promise<SendReceipt> {
    const channel = this.channelFor(delivery.to);
    const sender = this.sender(channel);
    const items = [{ message: delivery.message, parts: messageParts(delivery.message, this.partOptions(channel)) }];
    try {
      const cardRef = await deliverItems(sender, delivery.to, items);
      return cardRef ? { cardRef } : {};
    } catch (err) {
      if (err instanceof DeliveryFailure) throw err.error;
      throw err;
    }
  }

  /** Long-connection cards change only in answer to a click (aibot_respond_update_msg): always 'expired'. */
  async updateCard(cardRef: string, _to: DeliveryTarget, card: Card): Promise<'updated' | 'expired'> {
    if (cardRef.startsWith(APP_CARD_REF_PREFIX) && this.appOut) return this.appOut.updateCard(cardRef, card);
    if (!cardRef.startsWith(AIBOT_CARD_REF_PREFIX)) this.logger.warn({ cardRef }, 'unknown WeCom cardRef');
    return 'expired';
  }

  health(): PlatformHealth {
    if (this.stopped) return { platform: 'wecom', state: 'stopped', since: this.since };
    if (this.conn) {
      const h = this.conn.health();
      return { platform: 'wecom', state: h.state, since: h.since, ...(h.detail ? { detail: h.detail } : {}) };
    }
    return { platform: 'wecom', state: 'connected', detail: 'application (HTTP)', since: this.since };
  }

  /** express Router for the application's callback URL; mount it where WeCom's 接收消息 URL points. */
  callbackRouter(): Router {
    if (!this.crypto || !this.config.app) throw new Error('WeCom application mode is not configured (WECOM_MODE=app|both)');
    return createCallbackRouter({
      crypto: this.crypto,
      agentId: this.config.app.agentId,
      logger: this.logger.child({ part: 'app-callback' }),
      accept: () => (this.stopped || !this.handlers ? undefined : (callback) => this.onAppCallback(callback)),
    });
  }

  private onAppCallback(callback: AppCallback): void {
    const handlers = this.handlers;
    const appOut = this.appOut;
    if (!handlers || !appOut) return;
    const work = handleAppCallback(callback, {
      outbound: appOut,
      handlers,
      recent: this.recent,
      logger: this.logger.child({ part: 'app' }),
      partOptions: this.partOptions('app'),
      retry: this.retryOptions(),
    }).catch((err: unknown) => {
      this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'wecom app callback handling failed');
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private channelFor(target: DeliveryTarget): Channel {
    if (this.config.mode === 'aibot') return 'aibot';
    if (this.config.mode === 'app') return 'app';
    return target.kind === 'chat' ? 'aibot' : 'app';
  }

  private sender(channel: Channel): PartSender {
    const sender = channel === 'aibot' ? this.aibotOut : this.appOut;
    if (!sender) throw new Error(`WeCom ${channel} is not configured`);
    return sender;
  }

  private partOptions(channel: Channel): PartOptions {
    return {
      maxMarkdownBytes: channel === 'aibot' ? AIBOT_MARKDOWN_MAX_BYTES : APP_MARKDOWN_MAX_BYTES,
      mentionSyntax: channel === 'aibot' ? (this.config.aibot?.mentionSyntax ?? 'name') : 'name',
      linkUrl: this.config.cardLinkUrl,
    };
  }

  private retryOptions(): RetryOptions {
    return {
      attempts: this.deps.replyRetry?.attempts ?? REPLY_RETRY_ATTEMPTS,
      backoffBaseMs: this.deps.replyRetry?.backoffBaseMs ?? 1_000,
      sleep: (ms) => this.sleepUnlessStopped(ms),
      isStopped: () => this.stopped,
      logger: this.logger,
      onUndelivered: this.deps.onUndelivered,
    };
  }

  private sleepUnlessStopped(ms: number): Promise<void> {
    const signal = this.stopSignal.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
