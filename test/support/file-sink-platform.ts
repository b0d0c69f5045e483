import fs from 'node:fs';
import type { Card } from '../../bot-cards/card';
import type { Delivery, DeliveryTarget, InboundHandlers, Platform, PlatformHealth, SendReceipt } from '../../src/platforms/types';

/**
 * A platform whose "send accepted" is a line written and fsynced to a file: a process killed
 * right after a send still leaves proof that the send happened. For the crash tests.
 */
export class FileSinkPlatform implements Platform {
  readonly name = 'console' as const;
  private readonly fd: number;

  /** `stamp`: more fields for each line (who sent, and when), for tests that check who sent what. */
  constructor(
    file: string,
    private readonly stamp?: () => Record<string, unknown>,
  ) {
    this.fd = fs.openSync(file, 'a');
  }

  async start(_h: InboundHandlers): Promise<void> {}
  async stop(): Promise<void> {
    fs.closeSync(this.fd);
  }

  async send(d: Delivery): Promise<SendReceipt> {
    await new Promise((r) => setImmediate(r));
    fs.writeSync(this.fd, `${JSON.stringify({ key: d.key, to: d.to, ...this.stamp?.() })}\n`);
    fs.fsyncSync(this.fd);
    return d.message.card ? { cardRef: d.message.card.id } : {};
  }

  async updateCard(_ref: string, _to: DeliveryTarget, _card: Card): Promise<'updated' | 'expired'> {
    await new Promise((r) => setImmediate(r));
    return 'updated';
  }

  health(): PlatformHealth {
    return { platform: 'console', state: 'connected', since: new Date(0).toISOString() };
  }
}
