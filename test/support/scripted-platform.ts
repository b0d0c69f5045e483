import type { Card } from '../../bot-cards/card';
import { SendError, type Delivery, type DeliveryTarget, type InboundHandlers, type Platform, type PlatformHealth, type SendReceipt } from '../../src/platforms/types';

export type Outcome = 'ok' | 'retry' | 'rate-limit' | 'gone';

/**
 * A platform whose sends fail as scripted (then succeed), recording every attempt: the stimulus
 * for the dispatcher's retry, back-off and dead-letter rules.
 */
export class ScriptedPlatform implements Platform {
  readonly name = 'console' as const;
  readonly attempts: { at: Date; delivery: Delivery; outcome: Outcome }[] = [];
  private readonly script: Outcome[];

  constructor(script: Outcome[], private readonly now: () => Date) {
    this.script = [...script];
  }

  async start(_h: InboundHandlers): Promise<void> {}
  async stop(): Promise<void> {}

  async send(delivery: Delivery): Promise<SendReceipt> {
    const outcome = this.script.shift() ?? 'ok';
    this.attempts.push({ at: this.now(), delivery, outcome });
    if (outcome === 'retry') throw new SendError('平台暂时不可用', { retryable: true, code: '503' });
    if (outcome === 'rate-limit') throw new SendError('发送太快', { retryable: true, retryAfterMs: 600_000, code: '45009' });
    if (outcome === 'gone') throw new SendError('用户已离职', { retryable: false, code: '60111' });
    return {};
  }

  async updateCard(_ref: string, _to: DeliveryTarget, _card: Card): Promise<'updated' | 'expired'> {
    return 'updated';
  }

  health(): PlatformHealth {
    return { platform: 'console', state: 'connected', since: new Date(0).toISOString() };
  }
}
