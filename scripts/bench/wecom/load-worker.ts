// Worker thread: the fake WeCom long-connection server and the load it sends. Frames go out and
// replies come back timed here, off the app's event loop, so the app's own load cannot hide in
// late timestamps.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { FakeAibotServer, newReqId } from '../../../test/fakes/wecom/aibot-server';

export type ToWorker = { type: 'run'; bodies: Record<string, unknown>[]; rate: number; graceMs: number } | { type: 'close' };
export type FromWorker =
  | { type: 'ready'; url: string; botId: string; secret: string }
  /** Per message, ms from frame out to the first reply frame back; null when none came. */
  | { type: 'result'; latencies: (number | null)[] }
  | { type: 'closed' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('load-worker runs in a worker thread');
  const server = await FakeAibotServer.start();
  let sentAt = new Map<string, { index: number; at: number }>();
  let latencies: (number | null)[] = [];
  let replied = 0;
  let finish: (() => void) | undefined;

  server.onFrame = (frame) => {
    if (frame.cmd !== 'aibot_respond_msg') return;
    const sent = sentAt.get(frame.headers.req_id);
    if (!sent) return;
    sentAt.delete(frame.headers.req_id);
    latencies[sent.index] = performance.now() - sent.at;
    if (++replied === latencies.length) finish?.();
  };

  const run = async (bodies: Record<string, unknown>[], rate: number, graceMs: number) => {
    sentAt = new Map();
    latencies = bodies.map(() => null);
    replied = 0;
    const allReplied = new Promise<void>((resolve) => (finish = resolve));
    const start = performance.now();
    let next = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (next < bodies.length && start + (next * 1000) / rate <= now) {
          const reqId = newReqId();
          sentAt.set(reqId, { index: next, at: performance.now() });
          server.pushMessage(bodies[next] as Record<string, unknown>, reqId);
          next++;
        }
        if (next >= bodies.length) return resolve();
        setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
      };
      tick();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([allReplied, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    port.postMessage({ type: 'result', latencies } satisfies FromWorker);
  };

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'run') void run(msg.bodies, msg.rate, msg.graceMs);
    else void server.close().then(() => port.postMessage({ type: 'closed' } satisfies FromWorker));
  });
  port.postMessage({ type: 'ready', url: server.url, botId: server.botId, secret: server.secret } satisfies FromWorker);
}

void main();
