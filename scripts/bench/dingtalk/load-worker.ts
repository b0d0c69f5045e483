// Worker thread: the fake DingTalk (gateway, Stream WebSocket, OpenAPI, sessionWebhooks) and the load
// it sends. Frames go out and ACKs and replies come back timed here, off the app's event loop, so
// the app's own load cannot hide in late timestamps.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { FakeDingtalk } from '../../../test/fakes/dingtalk/fake-dingtalk';
import type { Delivered } from '../../../test/fakes/dingtalk/fake-openapi';
import { frameFrom, type StreamFrame } from '../../../test/fakes/dingtalk/fixtures';
import type { Command as Message } from '../command-mix';

export interface WorkerInit {
  /** DingTalk userIds the fake accepts as recipients. */
  users: string[];
  names: [string, string][];
}

export type ToWorker = { type: 'run'; messages: Message[]; rate: number; graceMs: number } | { type: 'close' };
export type FromWorker =
  | { type: 'ready'; env: Record<string, string> }
  /** Per message, ms from the frame leaving the fake to its ACK and to its reply; null when none came. */
  | { type: 'result'; replies: (number | null)[]; acks: (number | null)[] }
  | { type: 'closed' };

function sessionOf(frame: StreamFrame): string {
  const data = JSON.parse(frame.data) as { sessionWebhook: string };
  return new URL(data.sessionWebhook).searchParams.get('session') ?? '';
}

/** Who an OpenAPI send went to, for single chats: a card, or a text. */
function recipientOf(d: Delivered): string | undefined {
  if (d.kind === 'user') return d.userId;
  if (d.kind === 'card') return /^dtv1\.card\/\/IM_ROBOT\.(.+)$/.exec(d.openSpaceId)?.[1];
  return undefined;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('load-worker runs in a worker thread');
  const init = workerData as WorkerInit;
  const names = new Map(init.names);
  const fake = await FakeDingtalk.start({ users: init.users });
  let seq = 0;

  const run = async (messages: Message[], rate: number, graceMs: number) => {
    const replies: (number | null)[] = messages.map(() => null);
    const acks: (number | null)[] = messages.map(() => null);
    const sentAt: number[] = [];
    const bySession = new Map<string, number>();
    const byFrame = new Map<string, number>();
    const unanswered = new Map<string, number[]>();
    let answered = 0;
    let finish: (() => void) | undefined;
    const answer = (i: number | undefined) => {
      if (i === undefined || replies[i] !== null) return;
      replies[i] = performance.now() - (sentAt[i] ?? 0);
      const queue = unanswered.get(messages[i]!.sender);
      queue?.splice(queue.indexOf(i), 1);
      if (++answered === messages.length) finish?.();
    };
    // A reply may use any live sessionWebhook of its conversation (the platform keeps the latest),
    // and a conversation's replies leave in order: the first unanswered message gets it.
    fake.api.onDelivered = (d) => {
      const to = d.kind === 'session' ? messages[bySession.get(d.session) ?? -1]?.sender : recipientOf(d);
      if (to) answer(unanswered.get(to)?.[0]);
    };
    fake.stream.onAck = (messageId) => {
      const i = byFrame.get(messageId);
      if (i !== undefined && acks[i] === null) acks[i] = performance.now() - (sentAt[i] ?? 0);
    };

    // Frames are built before the clock starts: only sending them is timed.
    const frames = messages.map((m, i) => {
      const session = fake.api.openSession(`user:${m.sender}`);
      const frame = frameFrom('stream-robot-single-text', {
        data: {
          msgId: `bench-msg-${++seq}`,
          conversationId: `cid-single-${m.sender}`,
          senderStaffId: m.sender,
          senderId: `$:LWCP_v1:$${m.sender}`,
          senderNick: names.get(m.sender) ?? m.sender,
          text: { content: m.text },
          sessionWebhook: session.url,
          sessionWebhookExpiredTime: session.expiresAt,
        },
        headers: { messageId: `bench-frame-${seq}` },
      });
      bySession.set(sessionOf(frame), i);
      byFrame.set(frame.headers.messageId, i);
      return frame;
    });
    const allAnswered = new Promise<void>((resolve) => (finish = resolve));
    const start = performance.now();
    let next = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        while (next < frames.length && start + (next * 1000) / rate <= performance.now()) {
          const sender = messages[next]!.sender;
          unanswered.set(sender, [...(unanswered.get(sender) ?? []), next]);
          sentAt[next] = performance.now();
          fake.stream.push(frames[next]!);
          next++;
        }
        if (next >= frames.length) return resolve();
        setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
      };
      tick();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([allAnswered, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    fake.api.onDelivered = undefined;
    fake.stream.onAck = undefined;
    port.postMessage({ type: 'result', replies, acks } satisfies FromWorker);
  };

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'run') void run(msg.messages, msg.rate, msg.graceMs);
    else void fake.stop().then(() => port.postMessage({ type: 'closed' } satisfies FromWorker));
  });
  port.postMessage({ type: 'ready', env: fake.env() } satisfies FromWorker);
}

void main();
