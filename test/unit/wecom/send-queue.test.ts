import { SendError } from '../../../src/platforms/types';
import { SendQueue, type Timing } from '../../../src/platforms/wecom/send-queue';

/** Time moves only when a sleeper wakes up; every sleep is recorded. */
function fakeTiming() {
  const t = { now: 0, sleeps: [] as number[] };
  const timing: Timing = {
    now: () => t.now,
    sleep: async (ms) => {
      const wake = t.now + ms;
      t.sleeps.push(ms);
      await Promise.resolve();
      t.now = Math.max(t.now, wake);
    },
  };
  return { t, timing };
}

describe('per-conversation pacing', () => {
  const limits = [
    { windowMs: 60_000, max: 30 },
    { windowMs: 3_600_000, max: 1000 },
  ];

  it('lets 30 messages a minute through at once, and makes the 31st wait rather than fail', async () => {
    const { t, timing } = fakeTiming();
    const queue = new SendQueue(limits, 65_000, timing);
    for (let i = 0; i < 30; i++) await queue.acquire('chat:a');
    expect(t.sleeps).toEqual([]);
    await queue.acquire('chat:a');
    expect(t.sleeps).toEqual([60_000]);
    await queue.acquire('chat:b');
    expect(t.sleeps).toEqual([60_000]);
  });

  it('queues concurrent senders one slot after another', async () => {
    const { t, timing } = fakeTiming();
    const queue = new SendQueue([{ windowMs: 1000, max: 1 }], 10_000, timing);
    await Promise.all([queue.acquire('chat:a'), queue.acquire('chat:a'), queue.acquire('chat:a')]);
    expect(t.sleeps).toEqual([1000, 2000]);
  });

  it('fails retryable with retryAfterMs when the hourly budget would make the wait too long', async () => {
    const { t, timing } = fakeTiming();
    const queue = new SendQueue([{ windowMs: 3_600_000, max: 2 }], 65_000, timing);
    await queue.acquire('chat:a');
    await queue.acquire('chat:a');
    const err = await queue.acquire('chat:a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 3_600_000, code: 'wecom_rate_limit_local' });
    t.now += 3_600_000;
    await expect(queue.acquire('chat:a')).resolves.toBeUndefined();
  });

  it('holds a conversation WeCom called too fast', async () => {
    const { t, timing } = fakeTiming();
    const queue = new SendQueue(limits, 65_000, timing);
    queue.block('chat:a', 60_000);
    await queue.acquire('chat:a');
    expect(t.sleeps).toEqual([60_000]);
  });
});
