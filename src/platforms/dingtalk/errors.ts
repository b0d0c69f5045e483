// Turns DingTalk failures into SendError: retryable (the outbox tries again after retryAfterMs)
// or permanent (the dispatcher marks the notice dead and reports it).
// Throttling facts: DingTalk "附录B：如何处理钉钉服务端API限流" — HTTP 403 with
// Forbidden.AccessDenied.QpsLimitForAppkeyAndApi / QpsLimitForApi (retry after 1 s),
// Forbidden.AccessDenied.ApiCountLimitForOrg (monthly quota), per-IP ban {"status":1111,"wait":5}.
import { SendError } from '../types';
import { apiErrorBodySchema, type ApiErrorBody } from './api-schemas';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

export function parseErrorBody(body: unknown): ApiErrorBody {
  const parsed = apiErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data : {};
}

/** The API refused the access token: refresh it and try once more. */
export function isInvalidToken(status: number, body: unknown): boolean {
  const { code } = parseErrorBody(body);
  return status === 401 || code === 'InvalidAuthentication';
}

function retryAfterHeader(headers: Headers | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * SECOND : undefined;
}

export function classifyHttpError(what: string, status: number, body: unknown, headers?: Headers): SendError {
  const err = parseErrorBody(body);
  const code = err.code ?? (err.status !== undefined ? `status-${err.status}` : `http-${status}`);
  const message = `${what}: HTTP ${status} ${code}${err.message ? ` ${err.message}` : ''}`;
  const retryAfter = retryAfterHeader(headers);

  if (err.status === 1111) {
    return new SendError(message, { retryable: true, retryAfterMs: (err.wait ?? 5) * MINUTE, code });
  }
  if (code.includes('QpsLimit')) {
    return new SendError(message, { retryable: true, retryAfterMs: retryAfter ?? SECOND, code });
  }
  if (code.includes('ApiCountLimit')) {
    // The organisation's monthly call quota is spent: nothing will pass for a long while.
    return new SendError(message, { retryable: true, retryAfterMs: retryAfter ?? 60 * MINUTE, code });
  }
  if (status === 429) {
    return new SendError(message, { retryable: true, retryAfterMs: retryAfter ?? SECOND, code });
  }
  if (status >= 500) {
    return new SendError(message, { retryable: true, retryAfterMs: retryAfter, code });
  }
  if (isInvalidToken(status, body)) {
    // Still refused after a fresh token: credentials or clock are wrong; fixable, so keep the notice.
    return new SendError(message, { retryable: true, retryAfterMs: MINUTE, code });
  }
  return new SendError(message, { retryable: false, code });
}

/** fetch threw: connection refused/reset, DNS, or our timeout. The request may not have arrived. */
export function classifyNetworkError(what: string, error: unknown): SendError {
  const name = error instanceof Error ? error.name : 'Error';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const reason = name === 'TimeoutError' || name === 'AbortError' ? 'timed out' : `${error instanceof Error ? error.message : String(error)}${cause}`;
  return new SendError(`${what}: ${reason}`, { retryable: true, code: name === 'TimeoutError' ? 'Timeout' : 'NetworkError' });
}

/** createAndDeliver can answer 200 and still fail to deliver into a space. */
export function classifyDeliverFailure(what: string, errorMsg: string | undefined): SendError {
  const msg = errorMsg ?? 'deliver failed';
  const transient = /system error|系统错误|繁忙|busy|timeout|超时|limit|限流|流控/i.test(msg);
  return new SendError(`${what}: ${msg}`, { retryable: transient, retryAfterMs: transient ? SECOND : undefined, code: 'DeliverFailed' });
}
