// App access token for api.dingtalk.com (POST /v1.0/oauth2/accessToken → {accessToken, expireIn}).
// Cached, refreshed a few minutes before it expires, fetched once even when many calls need it.
import type { Clock } from '../../clock/clock';
import type { Logger } from '../../log/logger';
import { accessTokenResponseSchema } from './api-schemas';
import { classifyHttpError, classifyNetworkError } from './errors';
import { SendError } from '../types';

const REFRESH_MARGIN_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

export interface AccessTokenOptions {
  apiBase: string;
  appKey: string;
  appSecret: string;
  timeoutMs: number;
  clock: Clock;
  logger: Logger;
}

export class AccessTokens {
  private cached: CachedToken | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(private readonly opts: AccessTokenOptions) {}

  async get(): Promise<string> {
    const now = this.opts.clock.now().getTime();
    if (this.cached && now < this.cached.expiresAt - REFRESH_MARGIN_MS) return this.cached.value;
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The API refused this token (revoked or expired early): forget it unless already replaced. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const what = 'DingTalk accessToken';
    let res: Response;
    try {
      res = await fetch(`${this.opts.apiBase}/v1.0/oauth2/accessToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ appKey: this.opts.appKey, appSecret: this.opts.appSecret }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (error) {
      throw classifyNetworkError(what, error);
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const err = classifyHttpError(what, res.status, body, res.headers);
      this.opts.logger.error({ status: res.status, code: err.code }, 'DingTalk refused the app credentials');
      // Wrong credentials are fixable by the operator: keep notices alive, retry slowly.
      throw err.retryable ? err : new SendError(err.message, { retryable: true, retryAfterMs: 60_000, code: err.code });
    }
    const parsed = accessTokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      this.opts.logger.error({ issues: parsed.error.issues.length }, 'malformed accessToken response');
      throw new SendError(`${what}: malformed response`, { retryable: true, code: 'BadResponse' });
    }
    this.cached = {
      value: parsed.data.accessToken,
      expiresAt: this.opts.clock.now().getTime() + parsed.data.expireIn * 1_000,
    };
    this.opts.logger.debug({ expireIn: parsed.data.expireIn }, 'DingTalk access token refreshed');
    return this.cached.value;
  }
}
