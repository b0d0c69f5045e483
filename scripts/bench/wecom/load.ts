// The benchmark's side of the load worker (load-worker.ts), which runs the fake WeCom server.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './load-worker';
import { nextMessage } from '../worker-message';

export class LoadServer {
  private constructor(
    private readonly worker: Worker,
    readonly url: string,
    readonly botId: string,
    readonly secret: string,
  ) {}

  static async start(): Promise<LoadServer> {
    // The worker is TypeScript too: it registers tsx before loading its module.
    const file = path.join(__dirname, 'load-worker.ts');
    const worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true });
    const ready = await nextMessage<FromWorker, 'ready'>(worker, 'ready');
    return new LoadServer(worker, ready.url, ready.botId, ready.secret);
  }

  /** Sends the bodies at `rate` per second; resolves with each one's latency (null: no reply within graceMs of the last send). */
  async run(bodies: Record<string, unknown>[], rate: number, graceMs = 10_000): Promise<(number | null)[]> {
    const result = nextMessage<FromWorker, 'result'>(this.worker, 'result');
    this.worker.postMessage({ type: 'run', bodies, rate, graceMs } satisfies ToWorker);
    return (await result).latencies;
  }

  async close(): Promise<void> {
    const closed = nextMessage<FromWorker, 'closed'>(this.worker, 'closed');
    this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    await closed;
    await this.worker.terminate();
  }
}
