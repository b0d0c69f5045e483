// The seam between a chat platform and the bot. Everything a platform knows (frames, SDKs,
// tokens, rate limits) stays inside src/platforms/<name>/; the bot only sees these values.
import type { Card } from '../../bot-cards/card';
import type { DownloadLimits } from './download-limit';

export type PlatformName = 'console' | 'wecom' | 'dingtalk';

export interface ChatRef {
  platform: PlatformName;
  /** Platform conversation id: WeCom chatid, DingTalk openConversationId, console group name. */
  chatId: string;
  kind: 'group' | 'private';
  /** Group title when the platform tells us (DingTalk conversationTitle). */
  title?: string;
}

export interface MentionedUser {
  /** Platform user id (WeCom userid, DingTalk staffId/userId, console staff id), when the platform gives it. */
  platformUserId?: string;
  /** Display name as typed after @, when the platform gives only that. */
  name?: string;
}

export interface IncomingFile {
  name: string;
  /** Size as the platform announced it before any download (WeCom: the encrypted length, ≤ 32 bytes more); absent when unknown. */
  size?: number;
  /** The file's bytes; past limits.maxBytes the download stops and throws FileTooLargeError (download-limit.ts). */
  download(limits?: DownloadLimits): Promise<Buffer>;
}

export interface IncomingMessage {
  platform: PlatformName;
  /** Platform message id; the same id delivered twice is processed once. */
  messageId: string;
  senderPlatformId: string;
  senderName?: string;
  chat: ChatRef;
  /** Text as typed, with the @bot mention already removed by the platform when it can tell. */
  text: string;
  /** Colleagues @mentioned in the message, in order, bot excluded. */
  mentions: MentionedUser[];
  file?: IncomingFile;
}

export interface CardAction {
  platform: PlatformName;
  /** Platform event id; a redelivered event is processed once. */
  eventId: string;
  senderPlatformId: string;
  chat?: ChatRef;
  cardId: string;
  action: string;
  /** Free text the user typed with the click (reject reason, extension reason). */
  text?: string;
}

export interface OutboundMention {
  platformUserId: string;
  name: string;
}

export interface OutboundFile {
  /** File name as the recipient sees it, e.g. "授权.错误报告.xlsx". */
  name: string;
  content: Buffer;
}

export interface OutboundMessage {
  text?: string;
  /** People to @mention; the platform renders them its own way (names stay readable in text). */
  mentions?: OutboundMention[];
  card?: Card;
  /** A file sent after the text (an import's error report). Replies only; not kept in the outbox. */
  file?: OutboundFile;
}

export type DeliveryTarget =
  | { kind: 'chat'; chatId: string }
  | { kind: 'user'; platformUserId: string };

export interface Delivery {
  to: DeliveryTarget;
  message: OutboundMessage;
  /**
   * Stable across retries of the same outbox rows. Neither WeCom nor DingTalk offers an
   * idempotent send, so platforms may only log it; it lets tests count re-deliveries.
   */
  key?: string;
}

export interface SendReceipt {
  /** What the platform needs later to update a delivered card (WeCom task_id, DingTalk outTrackId). */
  cardRef?: string;
}

/** A send that failed. retryable=false means it can never succeed (user left, chat dissolved). */
export class SendError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly code: string | undefined;
  constructor(message: string, opts: { retryable: boolean; retryAfterMs?: number; code?: string }) {
    super(message);
    this.name = 'SendError';
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
    this.code = opts.code;
  }
}

export interface BotResponse {
  /** Messages to post back into the conversation the message or click came from. */
  replies: OutboundMessage[];
}

export interface CardActionResponse extends BotResponse {
  /** New content for the clicked card, shown to everyone who sees it. */
  updatedCard?: Card;
}

export interface InboundHandlers {
  onMessage(msg: IncomingMessage): Promise<BotResponse>;
  onCardAction(action: CardAction): Promise<CardActionResponse>;
  /**
   * The platform delivered a card inside a reply: remember where, so that it can be updated later.
   * Returns at once and never throws: the handler records it in a unit of work of its own.
   */
  onCardDelivered(cardId: string, platform: PlatformName, to: DeliveryTarget, receipt: SendReceipt): void;
}

export type ConnectionState = 'starting' | 'connected' | 'reconnecting' | 'down' | 'stopped';

export interface PlatformHealth {
  platform: PlatformName;
  state: ConnectionState;
  detail?: string;
  since: string;
}

export interface Platform {
  readonly name: PlatformName;
  /**
   * One connection per bot across every instance (WeCom's long connection: a newer one kicks the
   * older): only the leading instance starts it; the others leave their pushes to it (outbox).
   */
  readonly exclusive?: boolean;
  start(handlers: InboundHandlers): Promise<void>;
  stop(): Promise<void>;
  /** Proactive send (outbox dispatcher). Throws SendError on failure. */
  send(delivery: Delivery): Promise<SendReceipt>;
  /**
   * Update a card delivered earlier. 'expired' when the platform no longer allows it (WeCom cards
   * can only be updated in the answer to a click): the caller then posts the news as a new message.
   */
  updateCard(cardRef: string, to: DeliveryTarget, card: Card): Promise<'updated' | 'expired'>;
  health(): PlatformHealth;
}
