import { SendError } from '../../../src/platforms/types';
import { CallPacer, SlidingWindow } from '../../../src/platforms/dingtalk/rate-limit';
import { ConversationQueues, KeyedSerial } from '../../../src/platforms/dingtalk/send-queue';

test('tasks of one conversation run one after another, even when one fails', async () => {
  const serial = new KeyedSerial();
  const log: string[] = [];
  const slow = (name: string, ms: number, fail = false) => async () => {
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, ms));
    log.push(`end ${name}`);
    if (fail) throw new Error(name);
    return name;
  };
  const a = serial.run('chat:1', slow('a', 30, true));
  const b = serial.run('chat:1', slow('b', 1));
  const other = serial.run('chat:2', slow('other', 1));
  await expect(a).rejects.toThrow('a');
  await expect(b).resolves.toBe('b');
  await expect(other).resolves.toBe('other');
  expect(log.indexOf('end a')).toBeLessThan(log.indexOf('start b'));
  expect(log.indexOf('start other')).toBeLessThan(log.indexOf('end a'));
});

test('the sliding window allows `limit` per window and says how long to wait', () => {
  let t = 0;
  const w = new SlidingWindow(2, 60_000, () => t);
  expect(w.delay()).toBe(0);
  w.record();
  t = 10_000;
  w.record();
  expect(w.delay()).toBe(50_000);
  t = 60_000;
  expect(w.delay()).toBe(0);
  t = 200_000;
  expect(w.isIdle()).toBe(true);
});

test('a conversation over its per-minute rate answers SendError retryable with the wait', async () => {
  let t = 0;
  const queues = new ConversationQueues({ perMinute: 2, maxWaitMs: 1_000, now: () => t });
  const sent: string[] = [];
  const send = (chat: string, text: string) => queues.run(chat, async () => sent.push(text));
  await send('chat:1', 'one');
  t = 5_000;
  await send('chat:1', 'two');
  const third = send('chat:1', 'three');
  await expect(third).rejects.toBeInstanceOf(SendError);
  await expect(third).rejects.toMatchObject({ retryable: true, code: 'LocalRateLimit', retryAfterMs: 55_000 });
  await send('chat:2', 'elsewhere');
  expect(sent).toEqual(['one', 'two', 'elsewhere']);
});

test('a short wait for the window is waited out instead of failing', async () => {
  let t = 0;
  const queues = new ConversationQueues({ perMinute: 1, maxWaitMs: 1_000, now: () => t });
  await queues.run('chat:1', async () => undefined);
  t = 59_950; // 50 ms of real waiting left
  const started = Date.now();
  await queues.run('chat:1', async () => undefined);
  expect(Date.now() - started).toBeGreaterThanOrEqual(40);
});

test('the pacer spaces calls and honours a pause', async () => {
  const pacer = new CallPacer(50);
  const started = Date.now();
  await Promise.all([pacer.take(), pacer.take(), pacer.take()]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  pacer.pause(100);
  const paused = Date.now();
  await pacer.take();
  expect(Date.now() - paused).toBeGreaterThanOrEqual(90);
});
