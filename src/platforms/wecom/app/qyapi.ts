// Calls to qyapi (default https://qyapi.weixin.qq.com, configurable for tests) with the shared
// access token: one retry with a fresh token on 40014/42001, every other errcode as SendError.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SendError, type OutboundFile } from '../../types';
import { errcodeToSendError, TOKEN_ERRCODES } from '../errcodes';
import { assertUploadable, displayName } from '../media';
import type { AccessTokenCache } from './access-token';

const apiResponse = z.looseObject({ errcode: z.number(), errmsg: z.string().optional() });
const uploadResponse = z.looseObject({ media_id: z.string().min(1) });

export type ApiResponse = z.infer<typeof apiResponse>;

interface Request {
  query?: Record<string, string>;
  contentType: string;
  body: Uint8Array | string;
}

export class QyApi {
  constructor(
    private readonly apiBase: string,
    private readonly tokens: AccessTokenCache,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Resolves with the response when errcode is 0; throws SendError otherwise. */
  post(path: string, body: unknown): Promise<ApiResponse> {
    return this.request(path, { contentType: 'application/json', body: JSON.stringify(body) });
  }

  /**
   * Temporary media (doc 90253: /cgi-bin/media/upload?type=…, multipart field "media"); resolves
   * with the media_id, valid 3 days.
   */
  async upload(type: 'file' | 'image' | 'voice' | 'video', file: OutboundFile): Promise<string> {
    assertUploadable(file);
    const form = multipartFile('media', file);
    const response = await this.request('/cgi-bin/media/upload', { query: { type }, ...form });
    const parsed = uploadResponse.safeParse(response);
    if (!parsed.success) throw new SendError('WeCom /cgi-bin/media/upload: no media_id', { retryable: true, code: 'wecom_http_shape' });
    return parsed.data.media_id;
  }

  private async request(path: string, req: Request): Promise<ApiResponse> {
    const first = await this.call(path, req, await this.tokens.get());
    if (!TOKEN_ERRCODES.has(first.response.errcode)) return this.check(first.response);
    this.tokens.invalidate(first.token);
    const second = await this.call(path, req, await this.tokens.get());
    return this.check(second.response);
  }

  private check(response: ApiResponse): ApiResponse {
    if (response.errcode !== 0) throw errcodeToSendError(response.errcode, response.errmsg);
    return response;
  }

  private async call(path: string, req: Request, token: string): Promise<{ token: string; response: ApiResponse }> {
    const url = new URL(path, this.apiBase);
    url.searchParams.set('access_token', token);
    for (const [key, value] of Object.entries(req.query ?? {})) url.searchParams.set(key, value);
    let json: unknown;
    try {
      const res = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': req.contentType },
        body: req.body,
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

/**
 * One file as multipart/form-data the way qyapi reads it (doc 90253's request sample): the name
 * raw in UTF-8 in `filename="…"` (its parser ignores RFC 2231 `filename*=`, so names other clients
 * percent-encode arrive garbled or missing), plus `filelength`.
 */
export function multipartFile(field: string, file: OutboundFile): { contentType: string; body: Uint8Array } {
  const boundary = `----dealguard${randomBytes(12).toString('hex')}`;
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${field}"; filename="${displayName(file.name)}"; filelength=${file.content.length}\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  const body = Buffer.concat([Buffer.from(head, 'utf8'), file.content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: new Uint8Array(body.buffer, body.byteOffset, body.length) };
}
