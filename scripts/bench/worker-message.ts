import type { Worker } from 'node:worker_threads';

/** The next message of type `type` from a benchmark's load worker. */
export function nextMessage<M extends { type: string }, T extends M['type']>(worker: Worker, type: T): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: M) => {
      if (msg.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(msg as Extract<M, { type: T }>);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}
