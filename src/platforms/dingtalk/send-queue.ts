// One queue per conversation: messages to the same chat or person leave in order and within the
// per-conversation rate; different conversations do not wait for each other.
import { SendError, type DeliveryTarget } from '../types';
import { monotonicNow, sleep, SlidingWindow, type Now } from './rate-limit';

export function conversationKey(to: DeliveryTarget): string {
  return to.kind === 'chat' ? `chat:${to.chatId}` : `user:${to.platformUserId}`;
}

/** Runs tasks with the same key one after another; a failed task does not block the next. */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

export interface SendQueueOptions {
  perMinute: number;
  /** Longer than this in line → SendError retryable, and the outbox tries again later. */
  maxWaitMs: number;
  now?: Now;
}

const WINDOW_MS = 60_000;

export class ConversationQueues {
  private readonly serial = new KeyedSerial();
  private readonly windows = new Map<string, SlidingWindow>();
  private prunedAt = 0;

  constructor(private readonly opts: SendQueueOptions) {}

  run<T>(conversation: string, task: () => Promise<T>): Promise<T> {
    return this.serial.run(conversation, () => this.paced(conversation, task));
  }

  private async paced<T>(conversation: string, task: () => Promise<T>): Promise<T> {
    let window = this.windows.get(conversation);
    if (!window) {
      window = new SlidingWindow(this.opts.perMinute, WINDOW_MS, this.opts.now ?? monotonicNow);
      this.windows.set(conversation, window);
    }
    const wait = window.delay();
    if (wait > this.opts.maxWaitMs) {
      throw new SendError(`conversation rate limit: next slot in ${Math.ceil(wait)} ms`, {
        retryable: true,
        retryAfterMs: Math.ceil(wait),
        code: 'LocalRateLimit',
      });
    }
    await sleep(wait);
    window.record();
    this.pruneIdle();
    return task();
  }

  /** Drops the windows of quiet conversations; once a window length at most (thousands of them). */
  private pruneIdle(): void {
    const now = (this.opts.now ?? monotonicNow)();
    if (now - this.prunedAt < WINDOW_MS) return;
    this.prunedAt = now;
    for (const [key, w] of this.windows) if (w.isIdle()) this.windows.delete(key);
  }
}
