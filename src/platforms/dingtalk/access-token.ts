// App access tokens. Two flavours, cached separately:
// - 'oauth2': api.dingtalk.com, POST /v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn}
// - 'gettoken': the legacy oapi.dingtalk.com, GET /gettoken?appkey&appsecret
//   → {errcode, errmsg, access_token, expires_in} (HTTP 200 even when refused); only /media/upload needs it.
// Cached, refreshed a few minutes before it expires, fetched once even when many calls need it.
import type { Clock } from '../../clock/clock';
import type { Logger } from '../../log/logger';
import { accessTokenResponseSchema, legacyTokenResponseSchema } from './api-schemas';
import { classifyHttpError } from './errors';
import { fetchAnswer, type Answer } from './http-answer';
import { SendError } from '../types';

const REFRESH_MARGIN_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

export interface AccessTokenOptions {
  /** api.dingtalk.com for 'oauth2', oapi.dingtalk.com for 'gettoken'. */
  apiBase: string;
  appKey: string;
  appSecret: string;
  timeoutMs: number;
  clock: Clock;
  logger: Logger;
  /** Default 'oauth2'. */
  flavour?: 'oauth2' | 'gettoken';
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

  private get legacy(): boolean {
    return this.opts.flavour === 'gettoken';
  }

  private async fetchToken(): Promise<string> {
    const what = this.legacy ? 'DingTalk gettoken' : 'DingTalk accessToken';
    const res = await this.request(what);
    if (!res.ok) {
      const err = classifyHttpError(what, res.status, res.body, res.headers);
      this.opts.logger.error({ status: res.status, code: err.code }, 'DingTalk refused the app credentials');
      throw credentialsError(err);
    }
    const token = this.legacy ? this.legacyToken(what, res.body) : this.oauth2Token(what, res.body);
    this.cached = { value: token.value, expiresAt: this.opts.clock.now().getTime() + token.expiresInSec * 1_000 };
    this.opts.logger.debug({ what, expireIn: token.expiresInSec }, 'DingTalk access token refreshed');
    return token.value;
  }

  private request(what: string): Promise<Answer> {
    const { apiBase, appKey, appSecret, timeoutMs } = this.opts;
    const signal = AbortSignal.timeout(timeoutMs);
    return this.legacy
      ? fetchAnswer(what, `${apiBase}/gettoken?${new URLSearchParams({ appkey: appKey, appsecret: appSecret }).toString()}`, {
          headers: { accept: 'application/json' },
          signal,
        })
      : fetchAnswer(what, `${apiBase}/v1.0/oauth2/accessToken`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ appKey, appSecret }),
          signal,
        });
  }

  private oauth2Token(what: string, body: unknown): { value: string; expiresInSec: number } {
    const parsed = accessTokenResponseSchema.safeParse(body);
    if (!parsed.success) throw this.malformed(what, parsed.error.issues.length);
    return { value: parsed.data.accessToken, expiresInSec: parsed.data.expireIn };
  }

  private legacyToken(what: string, body: unknown): { value: string; expiresInSec: number } {
    const parsed = legacyTokenResponseSchema.safeParse(body);
    if (!parsed.success) throw this.malformed(what, parsed.error.issues.length);
    const { errcode, errmsg, access_token: value, expires_in: expiresInSec } = parsed.data;
    if (errcode !== 0 || !value) {
      this.opts.logger.error({ errcode }, 'DingTalk refused the app credentials (gettoken)');
      // errcode -1 is "busy"; anything else is the credentials: fixable by the operator, retry slowly.
      throw new SendError(`${what}: errcode ${errcode} ${errmsg ?? ''}`.trim(), {
        retryable: true,
        retryAfterMs: errcode === -1 ? undefined : 60_000,
        code: `errcode-${errcode}`,
      });
    }
    return { value, expiresInSec: expiresInSec ?? 7_200 };
  }

  private malformed(what: string, issues: number): SendError {
    this.opts.logger.error({ what, issues }, 'malformed DingTalk token response');
    return new SendError(`${what}: malformed response`, { retryable: true, code: 'BadResponse' });
  }
}

/** Wrong credentials are fixable by the operator: keep notices alive, retry slowly. */
function credentialsError(err: SendError): SendError {
  return err.retryable ? err : new SendError(err.message, { retryable: true, retryAfterMs: 60_000, code: err.code });
}
