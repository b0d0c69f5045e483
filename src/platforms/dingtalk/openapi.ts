// Transport to api.dingtalk.com: paced, authenticated with x-acs-dingtalk-access-token, the token
// refreshed and the call retried once when DingTalk refuses it, every failure a SendError.
import type { z } from 'zod';
import type { Logger } from '../../log/logger';
import { SendError } from '../types';
import type { AccessTokens } from './access-token';
import { classifyHttpError, isInvalidToken } from './errors';
import { fetchAnswer, type Answer } from './http-answer';
import type { CallPacer } from './rate-limit';

export interface OpenApiOptions {
  apiBase: string;
  timeoutMs: number;
  tokens: AccessTokens;
  pacer: CallPacer;
  logger: Logger;
}

export class OpenApi {
  constructor(private readonly opts: OpenApiOptions) {}

  async call<S extends z.ZodType>(what: string, method: 'POST' | 'PUT', path: string, body: unknown, schema: S): Promise<z.output<S>> {
    let token = await this.opts.tokens.get();
    let res = await this.request(what, method, path, body, token);
    if (!res.ok && isInvalidToken(res.status, res.body)) {
      this.opts.logger.info({ what }, 'DingTalk refused the access token; refreshing and retrying once');
      this.opts.tokens.invalidate(token);
      token = await this.opts.tokens.get();
      res = await this.request(what, method, path, body, token);
    }
    if (!res.ok) {
      const err = classifyHttpError(what, res.status, res.body, res.headers);
      if (err.code?.includes('QpsLimit')) this.opts.pacer.pause(err.retryAfterMs ?? 1_000);
      throw err;
    }
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      this.opts.logger.error({ what, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'malformed DingTalk response');
      // The call went through; repeating it could post twice.
      throw new SendError(`${what}: malformed response`, { retryable: false, code: 'BadResponse' });
    }
    return parsed.data;
  }

  private async request(what: string, method: string, path: string, body: unknown, token: string): Promise<Answer> {
    await this.opts.pacer.take();
    return fetchAnswer(what, `${this.opts.apiBase}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-acs-dingtalk-access-token': token,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
  }
}
