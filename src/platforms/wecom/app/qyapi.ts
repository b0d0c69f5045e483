// POSTs to qyapi (default https://qyapi.weixin.qq.com, configurable for tests) with the shared
// access token: one retry with a fresh token on 40014/42001, every other errcode as SendError.
import { z } from 'zod';
import { SendError } from '../../types';
import { errcodeToSendError, TOKEN_ERRCODES } from '../errcodes';
import type { AccessTokenCache } from './access-token';

const apiResponse = z.looseObject({ errcode: z.number(), errmsg: z.string().optional() });

export type ApiResponse = z.infer<typeof apiResponse>;

export class QyApi {
  constructor(
    private readonly apiBase: string,
    private readonly tokens: AccessTokenCache,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Resolves with the response when errcode is 0; throws SendError otherwise. */
  async post(path: string, body: unknown): Promise<ApiResponse> {
    const first = await this.call(path, body, await this.tokens.get());
    if (!TOKEN_ERRCODES.has(first.response.errcode)) return this.check(first.response);
    this.tokens.invalidate(first.token);
    const second = await this.call(path, body, await this.tokens.get());
    return this.check(second.response);
  }

  private check(response: ApiResponse): ApiResponse {
    if (response.errcode !== 0) throw errcodeToSendError(response.errcode, response.errmsg);
    return response;
  }

  private async call(path: string, body: unknown, token: string): Promise<{ token: string; response: ApiResponse }> {
    const url = new URL(path, this.apiBase);
    url.searchParams.set('access_token', token);
    let json: unknown;
    try {
      const res = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      json = await res.json();
    } catch (err) {
      throw new SendError(`WeCom ${path} failed: ${err instanceof Error ? err.message : String(err)}`, {
        retryable: true,
        code: 'wecom_http',
      });
    }
    const parsed = apiResponse.safeParse(json);
    if (!parsed.success) throw new SendError(`WeCom ${path}: unexpected response`, { retryable: true, code: 'wecom_http_shape' });
    return { token, response: parsed.data };
  }
}
