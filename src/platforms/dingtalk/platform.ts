// The DingTalk Platform: Stream mode in, OpenAPI / sessionWebhook out.
import { systemClock, type Clock } from '../../clock/clock';
import type { Logger } from '../../log/logger';
import type { Card } from '../../../bot-cards/card';
import type { Delivery, DeliveryTarget, InboundHandlers, Platform, PlatformHealth, SendReceipt } from '../types';
import { AccessTokens } from './access-token';
import { CardRegistry } from './card-tracking';
import type { DingtalkConfig } from './config';
import { StreamConnection } from './connection';
import { Inbound } from './inbound';
import { LegacyOapi } from './legacy-oapi';
import { OpenApi } from './openapi';
import { Outbound } from './outbound';
import { CallPacer } from './rate-limit';
import { Replies, type Undelivered } from './replies';
import { RobotApi } from './robot-api';
import { TOPIC_CARD, TOPIC_ROBOT } from './sdk';
import { ConversationQueues } from './send-queue';
import { SessionWebhooks } from './session-webhook';

const FILE_TRANSFER_TIMEOUT_MS = 60_000;
const STOP_DRAIN_MS = 5_000;

export interface DingtalkDeps {
  logger: Logger;
  clock?: Clock;
  /** A reply the platform gave up on (retries spent, or refused): the app keeps it in the outbox. */
  onUndelivered?: Undelivered;
}

export class DingtalkPlatform implements Platform {
  readonly name = 'dingtalk' as const;
  private handlers: InboundHandlers | undefined;
  private readonly connection: StreamConnection;
  private readonly inbound: Inbound;
  private readonly outbound: Outbound;

  constructor(config: DingtalkConfig, deps: DingtalkDeps) {
    const logger = deps.logger.child({ platform: 'dingtalk' });
    const clock = deps.clock ?? systemClock;
    const tokens = new AccessTokens({
      apiBase: config.apiBase,
      appKey: config.clientId,
      appSecret: config.clientSecret,
      timeoutMs: config.httpTimeoutMs,
      clock,
      logger,
    });
    const pacer = new CallPacer(config.apiQps);
    const api = new OpenApi({ apiBase: config.apiBase, timeoutMs: config.httpTimeoutMs, tokens, pacer, logger });
    const legacyTokens = new AccessTokens({
      apiBase: config.oapiBase,
      appKey: config.clientId,
      appSecret: config.clientSecret,
      timeoutMs: config.httpTimeoutMs,
      clock,
      logger,
      flavour: 'gettoken',
    });
    const oapi = new LegacyOapi({ oapiBase: config.oapiBase, timeoutMs: FILE_TRANSFER_TIMEOUT_MS, tokens: legacyTokens, pacer, logger });
    const robot = new RobotApi(api, config.robotCode, FILE_TRANSFER_TIMEOUT_MS, oapi);
    const webhooks = new SessionWebhooks(clock);
    const cards = new CardRegistry();
    this.outbound = new Outbound({
      robot,
      webhooks,
      cards,
      queues: new ConversationQueues({ perMinute: config.chatMessagesPerMinute, maxWaitMs: config.maxQueueWaitMs }),
      templateFor: (kind) => config.cardTemplatesByKind[kind] ?? config.cardTemplateId,
      httpTimeoutMs: config.httpTimeoutMs,
      logger,
    });
    const replies = new Replies(this.outbound, logger, deps.onUndelivered);
    this.inbound = new Inbound({ handlers: () => this.handlers, replies, webhooks, cards, robot, ackDeadlineMs: config.ackDeadlineMs, logger });
    this.connection = new StreamConnection({
      client: {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        gatewayUrl: config.gatewayUrl,
        httpTimeoutMs: config.httpTimeoutMs,
        connectTimeoutMs: config.connectTimeoutMs,
      },
      topics: [TOPIC_ROBOT, TOPIC_CARD],
      reconnectMinMs: config.reconnectMinMs,
      reconnectMaxMs: config.reconnectMaxMs,
      keepAliveMs: config.keepAliveMs,
      onCallback: (frame, ack) => this.inbound.onCallback(frame, ack),
      clock,
      logger,
    });
  }

  async start(handlers: InboundHandlers): Promise<void> {
    this.handlers = handlers;
    await this.connection.start();
  }

  /** Callbacks in hand finish and are ACKed on the still open socket; later ones are left to redelivery. */
  async stop(): Promise<void> {
    this.inbound.close();
    await this.inbound.drain(STOP_DRAIN_MS);
    await this.connection.stop();
  }

  send(delivery: Delivery): Promise<SendReceipt> {
    return this.outbound.deliver(delivery.to, delivery.message);
  }

  /** DingTalk addresses a card by its outTrackId alone; `to` is not needed. */
  updateCard(cardRef: string, _to: DeliveryTarget, card: Card): Promise<'updated' | 'expired'> {
    return this.outbound.update(cardRef, card);
  }

  health(): PlatformHealth {
    return { platform: 'dingtalk', ...this.connection.health() };
  }
}

export function createDingtalkPlatform(config: DingtalkConfig, deps: DingtalkDeps): Platform {
  return new DingtalkPlatform(config, deps);
}
