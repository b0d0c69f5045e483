import type { Card } from '../../../bot-cards/card';
import type { Delivery, DeliveryTarget, InboundHandlers, OutboundMessage, Platform, PlatformHealth, SendReceipt } from '../types';
import { printCard, printMessage } from './printer';

export interface ConsoleDirectory {
  /** Display name of a person (console platform ids are staff ids); reads the directory. */
  personName(id: string): Promise<string>;
  now(): Date;
  formatTime(at: Date): string;
}

/**
 * The embedded default platform: no credentials, it prints what the bot would post. Chat ids are
 * group names and user ids are staff ids, so a transcript reads like the real thing.
 */
export class ConsolePlatform implements Platform {
  readonly name = 'console' as const;
  private handlers: InboundHandlers | undefined;
  private readonly started = new Date(0);

  constructor(
    private readonly out: (text: string) => void,
    private readonly dir: ConsoleDirectory,
  ) {}

  async start(handlers: InboundHandlers): Promise<void> {
    this.handlers = handlers;
  }

  async stop(): Promise<void> {
    this.handlers = undefined;
  }

  get inbound(): InboundHandlers {
    if (!this.handlers) throw new Error('console platform not started');
    return this.handlers;
  }

  async header(to: DeliveryTarget): Promise<string> {
    return `[${this.dir.formatTime(this.dir.now())} ${await this.where(to)}] dealguard:`;
  }

  async print(to: DeliveryTarget, msg: OutboundMessage): Promise<void> {
    this.out(printMessage(await this.header(to), msg));
  }

  async send(d: Delivery): Promise<SendReceipt> {
    await this.print(d.to, d.message);
    return d.message.card ? { cardRef: d.message.card.id } : {};
  }

  async updateCard(_ref: string, to: DeliveryTarget, card: Card): Promise<'updated' | 'expired'> {
    const where = await this.where(to);
    this.out([`[${this.dir.formatTime(this.dir.now())} ${where}] 卡片 ${card.id} 已更新：`, ...printCard(card).map((l) => `  ${l}`)].join('\n'));
    return 'updated';
  }

  private async where(to: DeliveryTarget): Promise<string> {
    return to.kind === 'chat' ? `群 ${to.chatId}` : `私聊 ${await this.dir.personName(to.platformUserId)}`;
  }

  health(): PlatformHealth {
    return { platform: 'console', state: this.handlers ? 'connected' : 'stopped', since: this.started.toISOString() };
  }
}
