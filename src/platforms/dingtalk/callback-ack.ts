// When a Stream CALLBACK is ACKed. An ACK tells DingTalk to forget the frame; without one it pushes
// the frame again (SDK doc: within ~60 s). So the ACK goes out once the bot has handled the callback
// — its transaction committed — and not before: a crash between receipt and commit leaves the frame
// un-ACKed, and DingTalk hands it to the next connection instead of losing it. A redelivery is
// harmless, the bot dedupes durably by messageId. But the ACK never waits longer than a deadline:
// a slow or queued command must not make DingTalk push it again under normal load.
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../log/logger';

export class CallbackAck {
  private sent = false;
  private readonly deadline: NodeJS.Timeout;
  private readonly receivedAt = performance.now();

  constructor(
    private readonly ack: () => void,
    private readonly messageId: string,
    deadlineMs: number,
    private readonly logger: Logger,
  ) {
    this.deadline = setTimeout(() => this.send('deadline'), deadlineMs);
  }

  /** The bot has handled the callback, or there is nothing to handle (duplicate, malformed). */
  handled(): void {
    this.send('handled');
  }

  private send(why: 'handled' | 'deadline'): void {
    if (this.sent) return;
    this.sent = true;
    clearTimeout(this.deadline);
    if (why === 'deadline') {
      this.logger.warn({ messageId: this.messageId, ms: Math.round(performance.now() - this.receivedAt) }, 'Stream callback ACKed at the deadline, before the bot finished');
    }
    try {
      this.ack();
    } catch (error) {
      this.logger.warn({ messageId: this.messageId, error: String(error) }, 'Stream ACK failed');
    }
  }
}
