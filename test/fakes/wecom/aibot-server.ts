// A WeCom long-connection server on 127.0.0.1 speaking the aibot frame protocol of doc 101463:
// subscribe and ping acks, msg/event callbacks, acks for respond/update/send, disconnected_event,
// dropped connections and errcode injection. Every frame a client sends is recorded.
// Temporary media: aibot_upload_media_init → _chunk × N → _finish, checked the way the real service
// is known to (chunks ≤ 512 KiB, chunk_index from 0, ≤ 100 chunks, size and md5 as announced); the
// assembled bytes are kept by media_id, and media messages must name a media_id uploaded here.
// The errcodes this fake answers upload mistakes with are its own choice, not WeCom's.
import { createHash, randomBytes } from 'node:crypto';
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
  match: ((f: ClientFrame) => boolean) | undefined;
}

export interface UploadedMedia {
  mediaId: string;
  type: string;
  filename: string;
  content: Buffer;
  /** The chunk_index of every chunk frame, in the order they came. */
  chunkIndexes: number[];
}

interface UploadInProgress {
  type: string;
  filename: string;
  totalSize: number;
  totalChunks: number;
  md5: string | undefined;
  chunks: Map<number, Buffer>;
  order: number[];
}

interface Answer {
  errcode: number;
  errmsg: string;
  body?: Record<string, unknown>;
}

const MEDIA_TYPES = new Set(['file', 'image', 'voice', 'video']);
const CHUNK_MAX_BYTES = 512 * 1024;
const MAX_CHUNKS = 100;

/** What happened to a client's WebSocket, and when (epoch ms): several processes may connect. */
export interface ConnectionEvent {
  at: number;
  /** Numbered in the order the connections were opened. */
  connection: number;
  event: 'open' | 'subscribed' | 'close';
}

export class FakeAibotServer {
  /** Every open, successful subscription and close of a client connection, in order. */
  readonly connectionLog: ConnectionEvent[] = [];
  /** Every frame clients sent, in order, pings and subscriptions included. */
  readonly received: ClientFrame[] = [];
  /** Frames acked with errcode 0 — what WeCom took — pings and subscriptions excluded. */
  readonly accepted: ClientFrame[] = [];
  /** Called with every frame a client sends, once it is recorded and answered. */
  onFrame: ((frame: ClientFrame) => void) | undefined;
  subscriptions = 0;
  /** Media uploaded to completion, in order. */
  readonly uploads: UploadedMedia[] = [];
  private readonly pendingUploads = new Map<string, UploadInProgress>();
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private readonly injections = new Map<string, Injection>();
  private readonly drops: { cmd: string; match?: ((f: ClientFrame) => boolean) | undefined }[] = [];
  private readonly listeners: (() => void)[] = [];
  private readonly connectionNo = new WeakMap<WebSocket, number>();

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

  /** The next `times` frames with this cmd (and matching, when given) are answered with this errcode. */
  failNext(cmd: string, errcode: number, errmsg: string, times = 1, match?: (f: ClientFrame) => boolean): void {
    this.injections.set(cmd, { errcode, errmsg, remaining: times, match });
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

  /** The upload a media message (reply or push) names, if it was uploaded here. */
  mediaOf(frame: ClientFrame): UploadedMedia | undefined {
    const mediaId = mediaIdOf(frame.body);
    return mediaId === undefined ? undefined : this.uploads.find((u) => u.mediaId === mediaId);
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
    const connection = this.connectionLog.filter((e) => e.event === 'open').length + 1;
    this.connectionNo.set(ws, connection);
    this.connectionLog.push({ at: Date.now(), connection, event: 'open' });
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
      this.connectionLog.push({ at: Date.now(), connection, event: 'close' });
      if (this.socket === ws) this.socket = undefined;
      for (const listener of [...this.listeners]) listener();
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
      this.connectionLog.push({ at: Date.now(), connection: this.connectionNo.get(ws) ?? 0, event: 'subscribed' });
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
    if (injected && injected.remaining > 0 && (injected.match?.(frame) ?? true)) {
      injected.remaining--;
      ack(injected.errcode, injected.errmsg);
      return;
    }
    const answer = this.media(frame);
    if (answer.errcode === 0) this.accepted.push(frame);
    ws.send(JSON.stringify({ headers: { req_id: reqId }, ...answer }));
  }

  /** Upload frames, and media messages naming a media_id; everything else is simply taken. */
  private media(frame: ClientFrame): Answer {
    const body = frame.body ?? {};
    const ok: Answer = { errcode: 0, errmsg: 'ok' };
    const invalid = (errmsg: string): Answer => ({ errcode: 40058, errmsg });
    switch (frame.cmd) {
      case 'aibot_upload_media_init': {
        const { type, filename, total_size, total_chunks, md5 } = body;
        if (typeof type !== 'string' || !MEDIA_TYPES.has(type)) return { errcode: 40004, errmsg: 'invalid media type' };
        if (typeof filename !== 'string' || !filename) return invalid('missing field `body.filename`');
        if (!Number.isInteger(total_size) || (total_size as number) <= 5) return { errcode: 40006, errmsg: 'invalid file size' };
        if (!Number.isInteger(total_chunks) || (total_chunks as number) < 1 || (total_chunks as number) > MAX_CHUNKS) return invalid('invalid total_chunks');
        if (Math.ceil((total_size as number) / CHUNK_MAX_BYTES) > (total_chunks as number)) return invalid('total_chunks too small for total_size');
        const uploadId = randomBytes(16).toString('hex');
        this.pendingUploads.set(uploadId, {
          type,
          filename,
          totalSize: total_size as number,
          totalChunks: total_chunks as number,
          md5: typeof md5 === 'string' ? md5 : undefined,
          chunks: new Map(),
          order: [],
        });
        return { ...ok, body: { upload_id: uploadId } };
      }
      case 'aibot_upload_media_chunk': {
        const upload = this.pendingUploads.get(String(body.upload_id));
        if (!upload) return invalid('invalid upload_id');
        const index = body.chunk_index;
        if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= upload.totalChunks) return invalid('invalid chunk_index');
        if (typeof body.base64_data !== 'string') return invalid('missing field `body.base64_data`');
        const data = Buffer.from(body.base64_data, 'base64');
        if (data.length === 0 || data.length > CHUNK_MAX_BYTES) return invalid('invalid chunk size');
        upload.chunks.set(index as number, data);
        upload.order.push(index as number);
        return ok;
      }
      case 'aibot_upload_media_finish': {
        const uploadId = String(body.upload_id);
        const upload = this.pendingUploads.get(uploadId);
        if (!upload) return invalid('invalid upload_id');
        if (upload.chunks.size !== upload.totalChunks) return invalid('chunks missing');
        const content = Buffer.concat([...upload.chunks.keys()].sort((a, b) => a - b).map((i) => upload.chunks.get(i) as Buffer));
        if (content.length !== upload.totalSize) return invalid('size differs from total_size');
        if (upload.md5 !== undefined && createHash('md5').update(content).digest('hex') !== upload.md5) return invalid('md5 mismatch');
        this.pendingUploads.delete(uploadId);
        const mediaId = `3${randomBytes(20).toString('base64url')}`;
        this.uploads.push({ mediaId, type: upload.type, filename: upload.filename, content, chunkIndexes: upload.order });
        return { ...ok, body: { type: upload.type, media_id: mediaId, created_at: Math.floor(Date.now() / 1000) } };
      }
      case 'aibot_respond_msg':
      case 'aibot_send_msg': {
        if (typeof body.msgtype !== 'string' || !MEDIA_TYPES.has(body.msgtype)) return ok;
        const mediaId = mediaIdOf(body);
        if (mediaId === undefined) return invalid(`missing field \`body.${body.msgtype}.media_id\``);
        const media = this.uploads.find((u) => u.mediaId === mediaId);
        return media && media.type === body.msgtype ? ok : { errcode: 40007, errmsg: 'invalid media_id' };
      }
      default:
        return ok;
    }
  }
}

function mediaIdOf(body: Record<string, unknown> | undefined): string | undefined {
  const msgtype = body?.msgtype;
  if (typeof msgtype !== 'string') return undefined;
  const media = body?.[msgtype] as { media_id?: unknown } | undefined;
  return typeof media?.media_id === 'string' ? media.media_id : undefined;
}

export function newReqId(): string {
  return randomBytes(12).toString('hex');
}
