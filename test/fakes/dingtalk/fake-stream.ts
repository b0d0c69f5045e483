// The Stream side of the fake DingTalk: a WebSocket server on /connect?ticket=… speaking the real
// frames (developerpedia protocol.md). It pushes CALLBACK/SYSTEM frames, waits for ACKs by
// messageId, pushes un-ACKed frames again after `redeliverAfterMs`, keeps frames pushed while no
// client is connected until one connects, and can drop, rotate or silence connections.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { fixture, type StreamFrame } from './fixtures';

const TICKET_TTL_MS = 90_000;

export interface FakeConnection {
  id: string;
  ticket: string;
  socket: WebSocket;
  /** Got SYSTEM disconnect: no new frames go there; closed after `rotateCloseAfterMs`. */
  draining: boolean;
  open: boolean;
}

export interface ClientReply {
  code: number;
  headers: Record<string, string>;
  message: string;
  data: string;
  connectionId: string;
}

export interface RecordedAck {
  messageId: string;
  response: unknown;
  connectionId: string;
  /** Ignored on purpose (loseNextAck): the frame will be pushed again. */
  lost: boolean;
}

interface Pending {
  frame: StreamFrame;
  acked: boolean;
  deliveries: number;
  lastOn: FakeConnection | undefined;
  timer: NodeJS.Timeout | undefined;
}

export interface FakeStreamOptions {
  /** null: never push an un-ACKed frame again. */
  redeliverAfterMs: number | null;
  /** After SYSTEM disconnect DingTalk closes the socket ~10 s later. */
  rotateCloseAfterMs: number;
}

export class FakeStream {
  readonly connections: FakeConnection[] = [];
  readonly acks: RecordedAck[] = [];
  readonly replies: ClientReply[] = [];
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly tickets = new Map<string, { issuedAt: number; used: boolean }>();
  private readonly pending = new Map<string, Pending>();
  private readonly loseAcks = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private silent = false;
  /** Called for every ACK that is not lost (latency benchmarks). */
  onAck: ((messageId: string) => void) | undefined;

  constructor(private readonly opts: FakeStreamOptions) {}

  issueTicket(): string {
    const ticket = randomUUID();
    this.tickets.set(ticket, { issuedAt: Date.now(), used: false });
    return ticket;
  }

  /** http 'upgrade': only /connect with a fresh, unused ticket becomes a WebSocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    const issued = this.tickets.get(ticket);
    if (url.pathname !== '/connect' || !issued || issued.used || Date.now() - issued.issuedAt > TICKET_TTL_MS) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    issued.used = true;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, ticket));
  }

  openConnections(): FakeConnection[] {
    return this.connections.filter((c) => c.open);
  }

  /** Push a frame to the newest live connection, or keep it until one connects. */
  push(frame: StreamFrame): void {
    const pending: Pending = { frame, acked: false, deliveries: 0, lastOn: undefined, timer: undefined };
    if (frame.type !== 'SYSTEM') this.pending.set(frame.headers.messageId, pending);
    this.deliver(pending);
  }

  /**
   * The same frame on every live connection at once, as if DingTalk handed one event to each of
   * several processes of one app (a redelivery racing the first delivery). Not pushed again.
   */
  pushToEvery(frame: StreamFrame): number {
    const conns = this.openConnections().filter((c) => !c.draining);
    const pending: Pending = { frame, acked: false, deliveries: 0, lastOn: undefined, timer: undefined };
    this.pending.set(frame.headers.messageId, pending);
    for (const conn of conns) {
      conn.socket.send(JSON.stringify({ ...frame, headers: { ...frame.headers, connectionId: conn.id, time: String(Date.now()) } }));
      pending.deliveries++;
      pending.lastOn = conn;
    }
    return conns.length;
  }

  ackOf(messageId: string): RecordedAck | undefined {
    return this.acks.find((a) => a.messageId === messageId && !a.lost);
  }

  deliveriesOf(messageId: string): number {
    return this.pending.get(messageId)?.deliveries ?? 0;
  }

  /** The next `times` ACKs for this frame are dropped on the floor, as if lost on the network. */
  loseNextAck(messageId: string, times = 1): void {
    this.loseAcks.set(messageId, times);
  }

  /** SYSTEM ping with a fresh opaque; resolves with the client's reply frame. */
  ping(): Promise<ClientReply> {
    const frame = fixture<StreamFrame>('stream-system-ping');
    const messageId = randomUUID();
    frame.headers = { ...frame.headers, messageId };
    frame.data = JSON.stringify({ opaque: randomUUID() });
    this.sendToNewest(JSON.stringify(frame));
    return this.waitForReply(messageId);
  }

  /** SYSTEM disconnect on the newest connection, closed after rotateCloseAfterMs (like DingTalk). */
  rotate(): void {
    const conn = this.newest();
    if (!conn) throw new Error('no connection to rotate');
    conn.draining = true;
    conn.socket.send(JSON.stringify(fixture('stream-system-disconnect')));
    this.later(() => conn.socket.close(1000, 'rotated'), this.opts.rotateCloseAfterMs);
  }

  /** Cut every connection without a close handshake (network loss, server crash). */
  dropAll(): void {
    for (const c of this.openConnections()) c.socket.terminate();
  }

  /** Stop answering WebSocket pings and stop pushing: a half-dead connection. */
  goSilent(silent: boolean): void {
    this.silent = silent;
  }

  sendRaw(text: string): void {
    this.sendToNewest(text);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, ticket: string): void {
    const conn: FakeConnection = { id: randomUUID(), ticket, socket, draining: false, open: true };
    this.connections.push(conn);
    socket.on('close', () => {
      conn.open = false;
    });
    socket.on('ping', (data) => {
      if (!this.silent) socket.pong(data);
    });
    socket.on('message', (raw) => this.onClientFrame(conn, String(raw)));
    // DingTalk keeps what it could not deliver: hand it to the new connection.
    for (const p of this.pending.values()) {
      if (!p.acked && (p.lastOn === undefined || !p.lastOn.open || p.lastOn.draining)) this.deliver(p);
    }
  }

  private onClientFrame(conn: FakeConnection, text: string): void {
    let frame: { code?: number; headers?: Record<string, string>; message?: string; data?: string };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    const messageId = frame.headers?.messageId;
    if (typeof frame.code !== 'number' || !messageId) return;
    this.replies.push({
      code: frame.code,
      headers: frame.headers ?? {},
      message: frame.message ?? '',
      data: frame.data ?? '',
      connectionId: conn.id,
    });
    const pending = this.pending.get(messageId);
    if (!pending) return;
    const lose = this.loseAcks.get(messageId) ?? 0;
    let response: unknown;
    try {
      response = (JSON.parse(frame.data ?? 'null') as { response?: unknown } | null)?.response;
    } catch {
      response = undefined;
    }
    this.acks.push({ messageId, response, connectionId: conn.id, lost: lose > 0 });
    if (lose > 0) {
      this.loseAcks.set(messageId, lose - 1);
      return;
    }
    pending.acked = true;
    clearTimeout(pending.timer);
    this.onAck?.(messageId);
  }

  private deliver(p: Pending): void {
    clearTimeout(p.timer);
    const conn = this.newest();
    if (!conn || this.silent) return;
    const headers = { ...p.frame.headers, connectionId: conn.id, time: String(Date.now()) };
    conn.socket.send(JSON.stringify({ ...p.frame, headers }));
    p.deliveries++;
    p.lastOn = conn;
    if (p.frame.type !== 'SYSTEM' && this.opts.redeliverAfterMs !== null) {
      p.timer = setTimeout(() => {
        if (!p.acked) this.deliver(p);
      }, this.opts.redeliverAfterMs);
    }
  }

  private newest(): FakeConnection | undefined {
    return this.openConnections().filter((c) => !c.draining).at(-1);
  }

  private sendToNewest(text: string): void {
    const conn = this.newest();
    if (!conn) throw new Error('no open connection');
    conn.socket.send(text);
  }

  private waitForReply(messageId: string): Promise<ClientReply> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = (): void => {
        const reply = this.replies.find((r) => r.headers.messageId === messageId);
        if (reply) return resolve(reply);
        if (Date.now() - started > 2_000) return reject(new Error(`no reply to ${messageId}`));
        this.later(poll, 10);
      };
      poll();
    });
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
