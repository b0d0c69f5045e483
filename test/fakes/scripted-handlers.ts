// InboundHandlers for the platform tests: records what the platform hands over and answers by
// script (echo by default, or nothing with `{ echo: false }`). Shared by the WeCom and DingTalk fakes.
import type {
  BotResponse,
  CardAction,
  CardActionResponse,
  DeliveryTarget,
  IncomingMessage,
  InboundHandlers,
  PlatformName,
  SendReceipt,
} from '../../src/platforms/types';

export interface DeliveredCard {
  cardId: string;
  platform: PlatformName;
  to: DeliveryTarget;
  receipt: SendReceipt;
}

export class ScriptedHandlers implements InboundHandlers {
  readonly messages: IncomingMessage[] = [];
  readonly actions: CardAction[] = [];
  readonly delivered: DeliveredCard[] = [];
  answerMessage: (msg: IncomingMessage) => BotResponse | Promise<BotResponse>;
  answerAction: (action: CardAction) => CardActionResponse | Promise<CardActionResponse> = () => ({ replies: [] });
  private readonly waiters: (() => void)[] = [];

  constructor(opts: { echo?: boolean } = {}) {
    this.answerMessage = opts.echo === false ? () => ({ replies: [] }) : (msg) => ({ replies: [{ text: `echo: ${msg.text}` }] });
  }

  async onMessage(msg: IncomingMessage): Promise<BotResponse> {
    this.messages.push(msg);
    this.notify();
    return this.answerMessage(msg);
  }

  async onCardAction(action: CardAction): Promise<CardActionResponse> {
    this.actions.push(action);
    this.notify();
    return this.answerAction(action);
  }

  onCardDelivered(cardId: string, platform: PlatformName, to: DeliveryTarget, receipt: SendReceipt): void {
    this.delivered.push({ cardId, platform, to, receipt });
    this.notify();
  }

  /** Resolves once probe() is true, re-checked whenever a handler is called. */
  until(probe: () => boolean, timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!probe()) return;
        clearTimeout(timer);
        this.waiters.splice(this.waiters.indexOf(check), 1);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(check), 1);
        reject(new Error(`ScriptedHandlers: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
