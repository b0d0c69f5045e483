// The long connection: one WSClient, its health, and what happens when it drops.
//
// - Network loss, missed heartbeats, server closes: the SDK reconnects with back-off
//   (base·2^(n-1), capped at 30 s); we ask it to retry for ever.
// - disconnected_event: WeCom keeps one connection per bot and kicks the older one when another
//   subscribes (doc 101463). The SDK then stops for good. Reconnecting at once would kick the other
//   process back, and subscriptions are rate-protected, so by default we stay down and say so in
//   health(); WECOM_RECONNECT_AFTER_KICK_MS > 0 retries once after that delay.
// - Authentication refused: the SDK retries 5 times, then we report down (wrong bot id/secret).
import { WSClient, type Logger as SdkLogger, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Clock } from '../../../clock/clock';
import type { Logger } from '../../../log/logger';
import type { ConnectionState } from '../../types';
import type { AibotConfig } from '../config';

export interface ConnectionHealth {
  state: ConnectionState;
  detail?: string;
  since: string;
}

function sdkLogger(logger: Logger): SdkLogger {
  const fields = (args: unknown[]) => (args.length > 0 ? { sdk: args.map((a) => (a instanceof Error ? a.message : String(a))) } : {});
  return {
    debug: (message, ...args) => logger.trace(fields(args), message),
    info: (message, ...args) => logger.debug(fields(args), message),
    warn: (message, ...args) => logger.warn(fields(args), message),
    error: (message, ...args) => logger.error(fields(args), message),
  };
}

export class AibotConnection {
  readonly client: WSClient;
  private current: ConnectionHealth;
  private kicked = false;
  private stopping = false;
  private kickTimer: NodeJS.Timeout | undefined;
  private waiters: ((connected: boolean) => void)[] = [];

  constructor(
    private readonly config: AibotConfig,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.current = { state: 'stopped', since: clock.now().toISOString() };
    this.client = new WSClient({
      botId: config.botId,
      secret: config.secret,
      ...(config.wsUrl ? { wsUrl: config.wsUrl } : {}),
      heartbeatInterval: config.heartbeatMs,
      reconnectInterval: config.reconnectBaseMs,
      maxReconnectAttempts: -1,
      logger: sdkLogger(logger.child({ sdk: 'aibot-node-sdk' })),
    });
    this.client.on('authenticated', () => {
      this.kicked = false;
      this.setState('connected');
      this.logger.info('wecom aibot subscribed');
      this.release(true);
    });
    this.client.on('reconnecting', (attempt) => this.setState('reconnecting', `attempt ${attempt}`));
    this.client.on('disconnected', (reason) => this.onDisconnected(reason));
    this.client.on('event', (frame: WsFrame) => {
      if (frame.body?.event?.eventtype === 'disconnected_event') this.kicked = true;
    });
    this.client.on('error', (error: Error) => this.onError(error));
  }

  /**
   * Resolves once subscribed, or after connectTimeoutMs with the connection still retrying in the
   * background. Rejects when WeCom refuses the bot id/secret.
   */
  start(): Promise<void> {
    this.stopping = false;
    this.setState('starting');
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        this.logger.warn({ timeoutMs: this.config.connectTimeoutMs }, 'wecom aibot not connected yet; retrying in background');
        resolve();
      }, this.config.connectTimeoutMs);
      const onAuth = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        if (!error.message.startsWith('Authentication failed')) return;
        cleanup();
        this.stop();
        reject(new Error(`WeCom refused the bot credentials: ${error.message}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.client.off('authenticated', onAuth);
        this.client.off('error', onError);
      };
      this.client.on('authenticated', onAuth);
      this.client.on('error', onError);
      this.client.connect();
    });
  }

  stop(): void {
    this.stopping = true;
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.kickTimer = undefined;
    this.client.disconnect();
    this.setState('stopped');
    this.release(false);
  }

  isConnected(): boolean {
    return this.current.state === 'connected' && this.client.isConnected;
  }

  /** Resolves true once connected (at once if already), false on timeout or stop. */
  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    if (this.isConnected()) return Promise.resolve(true);
    if (this.stopping || this.current.state === 'down') return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (connected: boolean) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(connected);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.push(done);
    });
  }

  health(): ConnectionHealth {
    return { ...this.current };
  }

  private onDisconnected(reason: string): void {
    if (this.stopping) return;
    if (this.kicked) {
      this.setState('down', 'another connection subscribed with this bot id (disconnected_event)');
      this.logger.error({ reconnectAfterMs: this.config.reconnectAfterKickMs }, 'wecom aibot connection taken over by another process');
      this.release(false);
      if (this.config.reconnectAfterKickMs > 0) {
        this.kickTimer = setTimeout(() => {
          this.kickTimer = undefined;
          if (this.stopping) return;
          this.setState('reconnecting', 'retrying after takeover');
          this.client.connect();
        }, this.config.reconnectAfterKickMs);
      }
      return;
    }
    this.setState('reconnecting', reason);
    this.logger.warn({ reason }, 'wecom aibot connection lost; reconnecting');
  }

  private onError(error: Error & { code?: string }): void {
    if (error.code === 'WS_AUTH_FAILURE_EXHAUSTED' || error.code === 'WS_RECONNECT_EXHAUSTED') {
      this.setState('down', error.message);
      this.logger.error({ err: error.message }, 'wecom aibot gave up connecting');
      this.release(false);
      return;
    }
    this.logger.warn({ err: error.message }, 'wecom aibot connection error');
  }

  private setState(state: ConnectionState, detail?: string): void {
    if (this.current.state === state && this.current.detail === detail) return;
    this.current = { state, since: this.clock.now().toISOString(), ...(detail ? { detail } : {}) };
  }

  private release(connected: boolean): void {
    for (const waiter of [...this.waiters]) waiter(connected);
  }
}
