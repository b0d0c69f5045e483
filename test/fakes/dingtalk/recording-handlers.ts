// InboundHandlers for tests: records what the platform hands over, answers what the test says.
import type {
  BotResponse,
  CardAction,
  CardActionResponse,
  DeliveryTarget,
  IncomingMessage,
  InboundHandlers,
  PlatformName,
  SendReceipt,
} from '../../../src/platforms/types';

export interface DeliveredCard {
  cardId: string;
  platform: PlatformName;
  to: DeliveryTarget;
  receipt: SendReceipt;
}

export class RecordingHandlers implements InboundHandlers {
  readonly messages: IncomingMessage[] = [];
  readonly actions: CardAction[] = [];
  readonly deliveredCards: DeliveredCard[] = [];
  answerMessage: (msg: IncomingMessage) => Promise<BotResponse> = async () => ({ replies: [] });
  answerAction: (action: CardAction) => Promise<CardActionResponse> = async () => ({ replies: [] });

  async onMessage(msg: IncomingMessage): Promise<BotResponse> {
    this.messages.push(msg);
    return this.answerMessage(msg);
  }

  async onCardAction(action: CardAction): Promise<CardActionResponse> {
    this.actions.push(action);
    return this.answerAction(action);
  }

  onCardDelivered(cardId: string, platform: PlatformName, to: DeliveryTarget, receipt: SendReceipt): void {
    this.deliveredCards.push({ cardId, platform, to, receipt });
  }
}
