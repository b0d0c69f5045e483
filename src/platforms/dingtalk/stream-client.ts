// One DingTalk Stream connection = one DWClient from dingtalk-stream. The SDK's own frame handling
// (SYSTEM ping replies, EVENT auto-ACK, CALLBACK dispatch to listeners, ACK frames) runs as is.
// What this subclass changes, and why:
// - autoReconnect off and keepAlive off: dingtalk-stream 2.1.5 leaks its heartbeat interval on
//   every reconnect, never reconnects after an error without close, and cannot cancel a queued
//   reconnect (open-dingtalk/dingtalk-stream-sdk-nodejs#13 #16 #18). StreamConnection replaces
//   the whole client instead, so a client's ACKs always go out on the socket its frames came from.
// - getEndpoint: the same gateway request, but to a configurable URL (tests point it at
//   127.0.0.1), with a timeout (the SDK's has none), a validated answer, and errors that never
//   carry the client secret (axios errors keep the request body).
// - onDownStream: malformed frames are dropped; the SDK would throw inside the socket handler.
import type { WebSocket } from 'ws';
import { gatewayResponseSchema } from './api-schemas';
import { parseErrorBody } from './errors';
import { DWClient, type DownstreamFrame } from './sdk';
import { downstreamFrameSchema } from './stream-schemas';

const OPEN = 1;
const CLOSED = 3;

export interface StreamClientSettings {
  clientId: string;
  clientSecret: string;
  gatewayUrl: string;
  httpTimeoutMs: number;
  connectTimeoutMs: number;
}

export interface StreamClientHooks {
  /** Any well-formed frame or pong: the connection is alive. */
  onAlive(): void;
  onMalformed(reason: string): void;
  /** SYSTEM "disconnect": DingTalk will close this socket in ~10 s and wants a new connection. */
  onServerDisconnect(reason: string): void;
  onClosed(): void;
}

/** The gateway refused the request; `credentials` when it refused the app's id/secret. */
export class GatewayError extends Error {
  constructor(message: string, readonly credentials: boolean) {
    super(message);
    this.name = 'GatewayError';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export class StreamClient extends DWClient {
  private readonly cancel = new AbortController();

  constructor(
    private readonly settings: StreamClientSettings,
    private readonly hooks: StreamClientHooks,
  ) {
    super({ clientId: settings.clientId, clientSecret: settings.clientSecret, keepAlive: false, debug: false });
    this.config.autoReconnect = false;
    // The SDK spreads one shared default subscriptions array into every client and pushes into it.
    this.config.subscriptions = [{ type: 'EVENT', topic: '*' }];
  }

  override async getEndpoint(): Promise<this> {
    let res: Response;
    try {
      res = await fetch(this.settings.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          clientId: this.config.clientId,
          clientSecret: this.config.clientSecret,
          ua: this.config.ua ?? '',
          subscriptions: this.config.subscriptions,
        }),
        signal: AbortSignal.any([AbortSignal.timeout(this.settings.httpTimeoutMs), this.cancel.signal]),
      });
    } catch (error) {
      throw new GatewayError(`gateway unreachable: ${error instanceof Error ? error.message : String(error)}`, false);
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const code = parseErrorBody(body).code ?? '';
      throw new GatewayError(`gateway refused: HTTP ${res.status} ${code}`.trim(), res.status === 400 || res.status === 401 || res.status === 403);
    }
    const parsed = gatewayResponseSchema.safeParse(body);
    if (!parsed.success) throw new GatewayError('gateway answered without endpoint/ticket', false);
    this['dw_url'] = `${parsed.data.endpoint}?ticket=${encodeURIComponent(parsed.data.ticket)}`;
    return this;
  }

  /** Gateway, then WebSocket; rejects on failure or after connectTimeoutMs. */
  async open(): Promise<void> {
    await this.getEndpoint();
    if (this.cancel.signal.aborted) throw new Error('aborted');
    const timer = setTimeout(() => this.webSocket()?.terminate(), this.settings.connectTimeoutMs);
    try {
      await this._connect();
    } finally {
      clearTimeout(timer);
    }
    const socket = this.webSocket();
    if (!socket || socket.readyState !== OPEN) throw new Error('socket closed while opening');
    socket.on('close', () => this.hooks.onClosed());
    socket.on('pong', () => this.hooks.onAlive());
  }

  override onDownStream(raw: string): void {
    const text = String(raw);
    const frame = downstreamFrameSchema.safeParse(parseJson(text));
    if (!frame.success) {
      this.hooks.onMalformed(`not a Stream frame (${text.length} bytes)`);
      return;
    }
    this.hooks.onAlive();
    const { type, headers, data } = frame.data;
    if (type === 'CALLBACK' && !headers.messageId) {
      this.hooks.onMalformed(`CALLBACK on ${headers.topic} without messageId`);
      return;
    }
    if (type === 'SYSTEM' && headers.topic === 'disconnect') {
      const reason = (parseJson(data) as { reason?: unknown } | undefined)?.reason;
      this.hooks.onServerDisconnect(typeof reason === 'string' ? reason : 'unspecified');
    }
    try {
      super.onDownStream(text);
    } catch (error) {
      this.hooks.onMalformed(`frame handling failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  listen(topic: string, listener: (frame: DownstreamFrame) => void): void {
    this.registerCallbackListener(topic, listener);
  }

  /** Tell DingTalk the callback arrived, so it does not push it again. */
  ack(messageId: string): void {
    if (this.webSocket()?.readyState === OPEN) this.socketCallBackResponse(messageId, null);
  }

  ping(): void {
    const socket = this.webSocket();
    if (socket?.readyState === OPEN) socket.ping();
  }

  terminate(): void {
    this.webSocket()?.terminate();
  }

  /** Close politely, give in-flight ACKs a moment, then cut. Also cancels an opening attempt. */
  async shutdown(graceMs = 1_000): Promise<void> {
    this.cancel.abort();
    const socket = this.webSocket();
    if (!socket || socket.readyState === CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, graceMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.disconnect();
    });
  }

  private webSocket(): WebSocket | undefined {
    return this['socket'] as WebSocket | undefined;
  }
}
