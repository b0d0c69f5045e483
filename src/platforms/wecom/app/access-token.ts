// One access_token for every application API call (gettoken: valid expires_in seconds, 7200 today).
// Refreshed a margin before it expires, and at once when WeCom calls it invalid/expired (40014/42001);
// concurrent callers share one refresh. The token and the secret never reach a log line.
import { z } from 'zod';
import type { Logger } from '../../../log/logger';
import { SendError } from '../../types';
import { errcodeToSendError } from '../errcodes';

const tokenResponse = z.object({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
});

export interface AccessTokenOptions {
  apiBase: string;
  corpId: string;
  secret: string;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  refreshMarginMs?: number;
}

export class AccessTokenCache {
  private token: string | undefined;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;

  constructor(private readonly opts: AccessTokenOptions) {}

  async get(): Promise<string> {
    const now = (this.opts.now ?? Date.now)();
    if (this.token && now < this.expiresAt - (this.opts.refreshMarginMs ?? 300_000)) return this.token;
    return this.refresh();
  }

  /** WeCom refused this token: forget it unless another caller already replaced it. */
  invalidate(token: string): void {
    if (this.token === token) {
      this.token = undefined;
      this.expiresAt = 0;
    }
  }

  private refresh(): Promise<string> {
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL('/cgi-bin/gettoken', this.opts.apiBase);
    url.searchParams.set('corpid', this.opts.corpId);
    url.searchParams.set('corpsecret', this.opts.secret);
    let body: unknown;
    try {
      const res = await (this.opts.fetch ?? fetch)(url, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (err) {
      throw new SendError(`WeCom gettoken failed: ${err instanceof Error ? err.message : String(err)}`, {
        retryable: true,
        code: 'wecom_gettoken_http',
      });
    }
    const parsed = tokenResponse.safeParse(body);
    if (!parsed.success) throw new SendError('WeCom gettoken: unexpected response', { retryable: true, code: 'wecom_gettoken_shape' });
    const { errcode, errmsg, access_token, expires_in } = parsed.data;
    if ((errcode ?? 0) !== 0 || !access_token || !expires_in) throw errcodeToSendError(errcode ?? -1, errmsg);
    this.token = access_token;
    this.expiresAt = (this.opts.now ?? Date.now)() + expires_in * 1000;
    this.opts.logger.debug({ expiresInS: expires_in }, 'wecom access token refreshed');
    return access_token;
  }
}
