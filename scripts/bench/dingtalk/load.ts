// The benchmark's side of the load worker (load-worker.ts), which runs the fake DingTalk.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerInit } from './load-worker';
import type { Command as Message } from '../command-mix';
import { nextMessage } from '../worker-message';

export class LoadServer {
  private constructor(
    private readonly worker: Worker,
    /** DINGTALK_* pointing at the fake (with the fake's quick test timings, to be overridden). */
    readonly env: Record<string, string>,
  ) {}

  static async start(init: WorkerInit): Promise<LoadServer> {
    // The worker is TypeScript too: it registers tsx before loading its module.
    const file = path.join(__dirname, 'load-worker.ts');
    const worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, workerData: init });
    const ready = await nextMessage<FromWorker, 'ready'>(worker, 'ready');
    return new LoadServer(worker, ready.env);
  }

  /** Sends the messages at `rate` per second; resolves with each one's ACK and reply latency. */
  async run(messages: Message[], rate: number, graceMs = 10_000): Promise<{ replies: (number | null)[]; acks: (number | null)[] }> {
    const result = nextMessage<FromWorker, 'result'>(this.worker, 'result');
    this.worker.postMessage({ type: 'run', messages, rate, graceMs } satisfies ToWorker);
    const { replies, acks } = await result;
    return { replies, acks };
  }

  async close(): Promise<void> {
    const closed = nextMessage<FromWorker, 'closed'>(this.worker, 'closed');
    this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    await closed;
    await this.worker.terminate();
  }
}
