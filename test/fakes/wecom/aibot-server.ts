// A WeCom long-connection server on 127.0.0.1 speaking the aibot frame protocol of doc 101463:
// subscribe and ping acks, msg/event callbacks, acks for respond/update/send, disconnected_event,
// dropped connections and errcode injection. Every frame a client sends is recorded.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export interface ClientFrame {
  cmd: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
}

interface Injection {
  errcode: number;
  errmsg: string;
  remaining: number;
}

export class FakeAibotServer {
  /** Every frame clients sent, in order, pings and subscriptions included. */
  readonly received: ClientFrame[] = [];
  /** Frames acked with errcode 0 — what WeCom took — pings and subscriptions excluded. */
  readonly accepted: ClientFrame[] = [];
  /** Called with every frame a client sends, once it is recorded and answered. */
  onFrame: ((frame: ClientFrame) => void) | undefined;
  subscriptions = 0;
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private readonly injections = new Map<string, Injection>();
  private readonly drops: { cmd: string; match?: ((f: ClientFrame) => boolean) | undefined }[] = [];
  private readonly listeners: (() => void)[] = [];

  private constructor(
    wss: WebSocketServer,
    readonly botId: string,
    readonly secret: string,
  ) {
    this.wss = wss;
    wss.on('connection', (ws) => this.onConnection(ws));
  }

  static async start(opts: { botId?: string; secret?: string } = {}): Promise<FakeAibotServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new FakeAibotServer(wss, opts.botId ?? 'bot-test', opts.secret ?? 'secret-test');
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /** The next `times` frames with this cmd are answered with this errcode. */
  failNext(cmd: string, errcode: number, errmsg: string, times = 1): void {
    this.injections.set(cmd, { errcode, errmsg, remaining: times });
  }

  /** The next frame with this cmd (and matching, when given) is not acked: the connection is dropped instead. */
  dropOnNext(cmd: string, match?: (f: ClientFrame) => boolean): void {
    this.drops.push({ cmd, match });
  }

  /** Pushes aibot_msg_callback; returns the req_id replies must carry. */
  pushMessage(body: Record<string, unknown>, reqId = newReqId()): string {
    this.push({ cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body });
    return reqId;
  }

  pushEvent(body: Record<string, unknown>, reqId = newReqId()): string {
    this.push({ cmd: 'aibot_event_callback', headers: { req_id: reqId }, body });
    return reqId;
  }

  /** What WeCom does when another process subscribes with the same bot: event, then close. */
  kick(): void {
    this.pushEvent({
      msgid: `kick-${newReqId()}`,
      create_time: Math.floor(Date.now() / 1000),
      aibotid: this.botId,
      msgtype: 'event',
      event: { eventtype: 'disconnected_event' },
    });
    this.socket?.close(1000, 'replaced');
  }

  /** Network failure: the socket dies without a close handshake. */
  dropConnection(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  frames(cmd: string): ClientFrame[] {
    return this.received.filter((f) => f.cmd === cmd);
  }

  /** Resolves with the first recorded frame matching, waiting for it if needed. */
  waitFor(match: (f: ClientFrame) => boolean, timeoutMs = 3000): Promise<ClientFrame> {
    return this.until(() => this.received.find(match), timeoutMs, 'frame');
  }

  waitForSubscriptions(n: number, timeoutMs = 3000): Promise<void> {
    return this.until(() => (this.subscriptions >= n && this.connected ? true : undefined), timeoutMs, `${n} subscriptions`).then(() => undefined);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return false;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`FakeAibotServer: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.push(listener);
      check();
    });
  }

  private push(frame: unknown): void {
    if (!this.socket) throw new Error('FakeAibotServer: no client connected');
    this.socket.send(JSON.stringify(frame));
  }

  private onConnection(ws: WebSocket): void {
    ws.on('message', (data) => {
      let frame: ClientFrame;
      try {
        frame = JSON.parse(data.toString()) as ClientFrame;
      } catch {
        return;
      }
      this.received.push(frame);
      this.answer(ws, frame);
      this.onFrame?.(frame);
      for (const listener of [...this.listeners]) listener();
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = undefined;
    });
  }

  private answer(ws: WebSocket, frame: ClientFrame): void {
    const reqId = frame.headers?.req_id ?? '';
    const ack = (errcode: number, errmsg: string) => ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));

    if (frame.cmd === 'aibot_subscribe') {
      if (frame.body?.bot_id !== this.botId || frame.body?.secret !== this.secret) {
        ack(40001, 'invalid secret');
        return;
      }
      this.socket = ws;
      this.subscriptions++;
      ack(0, 'ok');
      return;
    }
    if (frame.cmd === 'ping') {
      ack(0, 'ok');
      return;
    }
    const drop = this.drops.findIndex((d) => d.cmd === frame.cmd && (d.match?.(frame) ?? true));
    if (drop >= 0) {
      this.drops.splice(drop, 1);
      ws.terminate();
      return;
    }
    const injected = this.injections.get(frame.cmd);
    if (injected && injected.remaining > 0) {
      injected.remaining--;
      ack(injected.errcode, injected.errmsg);
      return;
    }
    this.accepted.push(frame);
    ack(0, 'ok');
  }
}

export function newReqId(): string {
  return randomBytes(12).toString('hex');
}
