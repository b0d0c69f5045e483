// Transport to the legacy oapi.dingtalk.com, used for one thing: uploading a file the robot sends
// back (POST /media/upload?access_token=…&type=file, multipart field "media"). The robot message
// that carries the file (msgKey sampleFile) goes through api.dingtalk.com like every other send.
// Same pacing as OpenApi; the token is the legacy /gettoken one, refreshed and the call repeated
// once when refused. DingTalk answers HTTP 200 with an errcode; every failure becomes a SendError.
import type { z } from 'zod';
import type { Logger } from '../../log/logger';
import { SendError } from '../types';
import type { AccessTokens } from './access-token';
import { oapiResultSchema, type OapiResult } from './api-schemas';
import { classifyHttpError, classifyOapiError, isOapiInvalidToken, isOapiThrottled } from './errors';
import { fetchAnswer, type Answer } from './http-answer';
import type { CallPacer } from './rate-limit';

export interface LegacyOapiOptions {
  oapiBase: string;
  /** Per request; uploads carry the whole file. */
  timeoutMs: number;
  tokens: AccessTokens;
  pacer: CallPacer;
  logger: Logger;
}

export class LegacyOapi {
  constructor(private readonly opts: LegacyOapiOptions) {}

  /**
   * POST multipart to `path` with `?access_token=…&<query>`. Repeating an upload is harmless (it only
   * yields another media_id, nobody sees it), so a malformed answer is retryable here.
   */
  async postForm<S extends z.ZodType<OapiResult>>(what: string, path: string, query: Record<string, string>, form: FormData, schema: S): Promise<z.output<S>> {
    let token = await this.opts.tokens.get();
    let res = await this.request(what, path, query, form, token);
    let result = this.result(res);
    if (result && isOapiInvalidToken(result)) {
      this.opts.logger.info({ what, errcode: result.errcode }, 'DingTalk refused the legacy access token; refreshing and retrying once');
      this.opts.tokens.invalidate(token);
      token = await this.opts.tokens.get();
      res = await this.request(what, path, query, form, token);
      result = this.result(res);
    }
    if (!res.ok) throw classifyHttpError(what, res.status, res.body, res.headers);
    if (!result) {
      // HTTP 200 without an errcode: the per-IP ban answer ({"status":1111,"wait":5}) or something broken.
      const err = classifyHttpError(what, res.status, res.body, res.headers);
      throw err.retryable ? err : new SendError(`${what}: malformed response`, { retryable: true, code: 'BadResponse' });
    }
    if (result.errcode !== 0) {
      const err = classifyOapiError(what, result);
      if (isOapiThrottled(result)) this.opts.pacer.pause(err.retryAfterMs ?? 1_000);
      throw err;
    }
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      this.opts.logger.error({ what, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'malformed DingTalk response');
      throw new SendError(`${what}: malformed response`, { retryable: true, code: 'BadResponse' });
    }
    return parsed.data;
  }

  /** `{errcode,…}` when the answer has one; a per-IP ban page or a proxy error has none. */
  private result(res: Answer): OapiResult | undefined {
    const parsed = oapiResultSchema.safeParse(res.body);
    return parsed.success ? parsed.data : undefined;
  }

  private async request(what: string, path: string, query: Record<string, string>, form: FormData, token: string): Promise<Answer> {
    await this.opts.pacer.take();
    const qs = new URLSearchParams({ access_token: token, ...query }).toString();
    // fetch sets content-type: multipart/form-data; boundary=… itself.
    return fetchAnswer(what, `${this.opts.oapiBase}${path}?${qs}`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
  }
}
