// Keeps one live Stream connection: connects, watches it (WebSocket ping/pong), replaces it when
// it closes, goes silent, or DingTalk asks for a new one (SYSTEM disconnect), with exponential
// back-off and jitter. Reports health. Our own watchdog instead of the SDK's autoReconnect: see
// stream-client.ts for the SDK defects that rules out.
import type { Clock } from '../../clock/clock';
import type { Logger } from '../../log/logger';
import type { ConnectionState } from '../types';
import type { DownstreamFrame } from './sdk';
import { GatewayError, StreamClient, type StreamClientSettings } from './stream-client';

/** After this many failed attempts in a row the health says "down" (it keeps trying). */
const DOWN_AFTER_FAILURES = 5;
/** A connection that lived this long resets the back-off. */
const STABLE_AFTER_MS = 30_000;
/** A replaced connection may still deliver frames DingTalk sent before it closes it (~10 s). */
const RETIRE_GRACE_MS = 15_000;

export interface StreamConnectionOptions {
  client: StreamClientSettings;
  topics: string[];
  reconnectMinMs: number;
  reconnectMaxMs: number;
  keepAliveMs: number;
  /** Called for every CALLBACK frame; `ack` answers on the connection the frame came from. */
  onCallback(frame: DownstreamFrame, ack: () => void): void;
  clock: Clock;
  logger: Logger;
}

export interface ConnectionHealth {
  state: ConnectionState;
  detail?: string;
  since: string;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class StreamConnection {
  private running = false;
  private state: ConnectionState = 'stopped';
  private detail: string | undefined = 'not started';
  private since: Date;
  private current: StreamClient | undefined;
  private opening: StreamClient | undefined;
  private connecting: Promise<unknown> | undefined;
  private readonly retiring = new Map<StreamClient, NodeJS.Timeout>();
  private failures = 0;
  private connectedAt = 0;
  private lastAlive = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: StreamConnectionOptions) {
    this.since = opts.clock.now();
  }

  /**
   * Resolves after the first attempt, connected or not (it keeps retrying in the background).
   * Rejects only when DingTalk refuses the app credentials: a configuration error.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.setState('starting', undefined);
    this.keepAliveTimer = setInterval(() => this.keepAlive(), this.opts.keepAliveMs);
    const error = await this.connect();
    if (error instanceof GatewayError && error.credentials) {
      await this.stop();
      this.setState('stopped', error.message);
      throw new Error(`DingTalk Stream: ${error.message} (check DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET)`);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.keepAliveTimer);
    clearTimeout(this.reconnectTimer);
    this.keepAliveTimer = this.reconnectTimer = undefined;
    const clients = [this.opening, this.current, ...this.retiring.keys()].filter((c): c is StreamClient => c !== undefined);
    for (const timer of this.retiring.values()) clearTimeout(timer);
    this.retiring.clear();
    this.current = this.opening = undefined;
    await Promise.all(clients.map((c) => c.shutdown()));
    await this.connecting;
    this.setState('stopped', undefined);
  }

  health(): ConnectionHealth {
    return { state: this.state, ...(this.detail ? { detail: this.detail } : {}), since: this.since.toISOString() };
  }

  private connect(): Promise<unknown> {
    this.connecting ??= this.connectOnce().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** One attempt; resolves with the error when it failed (and schedules the next one). */
  private async connectOnce(): Promise<unknown> {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (!this.running) return undefined;
    const client = this.newClient();
    this.opening = client;
    try {
      await client.open();
    } catch (error) {
      void client.shutdown(0);
      if (!this.running) return error;
      this.failures++;
      const detail = `attempt ${this.failures} failed: ${describe(error)}`;
      this.setState(this.failures >= DOWN_AFTER_FAILURES ? 'down' : 'reconnecting', detail);
      this.opts.logger.warn({ attempt: this.failures }, `DingTalk Stream connect failed: ${describe(error)}`);
      this.scheduleReconnect();
      return error;
    } finally {
      if (this.opening === client) this.opening = undefined;
    }
    if (!this.running) {
      await client.shutdown();
      return undefined;
    }
    if (this.current) this.retire(this.current);
    this.current = client;
    this.connectedAt = this.lastAlive = Date.now();
    this.setState('connected', undefined);
    this.opts.logger.info('DingTalk Stream connected');
    return undefined;
  }

  private newClient(): StreamClient {
    const client: StreamClient = new StreamClient(this.opts.client, {
      onAlive: () => {
        if (client === this.current) this.lastAlive = Date.now();
      },
      onMalformed: (reason) => this.opts.logger.warn({ reason }, 'dropped malformed Stream frame'),
      onServerDisconnect: (reason) => this.onServerDisconnect(client, reason),
      onClosed: () => this.onClosed(client),
    });
    for (const topic of this.opts.topics) {
      client.listen(topic, (frame) => this.opts.onCallback(frame, () => client.ack(frame.headers.messageId)));
    }
    return client;
  }

  private onClosed(client: StreamClient): void {
    const retireTimer = this.retiring.get(client);
    if (retireTimer) {
      clearTimeout(retireTimer);
      this.retiring.delete(client);
      return;
    }
    if (client !== this.current || !this.running) return;
    this.current = undefined;
    this.failures = Date.now() - this.connectedAt >= STABLE_AFTER_MS ? 0 : this.failures + 1;
    this.setState(this.failures >= DOWN_AFTER_FAILURES ? 'down' : 'reconnecting', 'connection closed');
    this.opts.logger.warn('DingTalk Stream connection closed; reconnecting');
    this.scheduleReconnect();
  }

  /** Graceful rotation: open the new connection now, let the old one drain until DingTalk closes it. */
  private onServerDisconnect(client: StreamClient, reason: string): void {
    if (client !== this.current || !this.running) return;
    this.opts.logger.info({ reason }, 'DingTalk asked for a new Stream connection');
    this.current = undefined;
    this.retire(client);
    this.setState('reconnecting', `server disconnect: ${reason}`);
    void this.connect();
  }

  private retire(client: StreamClient): void {
    const timer = setTimeout(() => {
      this.retiring.delete(client);
      void client.shutdown();
    }, RETIRE_GRACE_MS);
    this.retiring.set(client, timer);
  }

  private keepAlive(): void {
    if (!this.running) return;
    const client = this.current;
    if (!client) {
      // Safety net: nothing connected, nothing opening, nothing scheduled.
      if (!this.connecting && !this.reconnectTimer) this.scheduleReconnect();
      return;
    }
    if (Date.now() - this.lastAlive > 2 * this.opts.keepAliveMs) {
      this.opts.logger.warn('DingTalk Stream went silent (no pong, no frame); reconnecting');
      client.terminate();
      return;
    }
    client.ping();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const ceiling = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectMinMs * 2 ** Math.min(this.failures, 20));
    const delay = ceiling / 2 + (Math.random() * ceiling) / 2;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }

  private setState(state: ConnectionState, detail: string | undefined): void {
    if (state !== this.state) this.since = this.opts.clock.now();
    this.state = state;
    this.detail = detail;
  }
}
