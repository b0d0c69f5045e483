// Turns DingTalk failures into SendError: retryable (the outbox tries again after retryAfterMs)
// or permanent (the dispatcher marks the notice dead and reports it).
// Throttling facts: DingTalk "附录B：如何处理钉钉服务端API限流" — HTTP 403 with
// Forbidden.AccessDenied.QpsLimitForAppkeyAndApi / QpsLimitForApi (retry after 1 s),
// Forbidden.AccessDenied.ApiCountLimitForOrg (monthly quota), per-IP ban {"status":1111,"wait":5}.
import { SendError } from '../types';
import { apiErrorBodySchema, type ApiErrorBody, type OapiResult } from './api-schemas';

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

/**
 * Legacy oapi.dingtalk.com errcodes (answered with HTTP 200). Global codes: -1 系统繁忙 (retry, at
 * most 3 times), 88 鉴权异常 with sub_code (60011 = no permission for this API). Token codes: 40014
 * 不合法的access_token, 41001 缺少access_token, 42001 access_token超时. Throttling: 90018 (per app
 * and API), 90002 (per API), 90020 (organisation's monthly quota) — the legacy forms of the
 * Forbidden.AccessDenied.* codes above.
 */
const OAPI_TOKEN_CODES = new Set([40014, 41001, 42001]);
const OAPI_QPS_CODES = new Set([90018, 90002]);
const OAPI_QUOTA_CODE = 90020;

function subCodeOf(result: OapiResult): number | undefined {
  const n = Number(result.sub_code);
  return result.sub_code !== undefined && Number.isFinite(n) ? n : undefined;
}

/** The legacy API refused the access token: refresh it and try once more. */
export function isOapiInvalidToken(result: OapiResult): boolean {
  if (OAPI_TOKEN_CODES.has(result.errcode)) return true;
  const sub = subCodeOf(result);
  return result.errcode === 88 && sub !== undefined && OAPI_TOKEN_CODES.has(sub);
}

/** DingTalk said "too fast": every call of the app should wait, not just this one. */
export function isOapiThrottled(result: OapiResult): boolean {
  return OAPI_QPS_CODES.has(result.errcode);
}

export function classifyOapiError(what: string, result: OapiResult): SendError {
  const sub = result.sub_code !== undefined ? `/${String(result.sub_code)}` : '';
  const code = `errcode-${result.errcode}${sub}`;
  const detail = result.sub_msg ?? result.errmsg;
  const message = `${what}: ${code}${detail ? ` ${detail}` : ''}`;
  if (result.errcode === -1) return new SendError(message, { retryable: true, code });
  if (isOapiThrottled(result)) return new SendError(message, { retryable: true, retryAfterMs: SECOND, code });
  if (result.errcode === OAPI_QUOTA_CODE) return new SendError(message, { retryable: true, retryAfterMs: 60 * MINUTE, code });
  // Still refused after a fresh token: credentials or clock are wrong; fixable, so keep the notice.
  if (isOapiInvalidToken(result)) return new SendError(message, { retryable: true, retryAfterMs: MINUTE, code });
  // Bad media type/size (4000x), missing permission (88/60011), …: repeating cannot help.
  return new SendError(message, { retryable: false, code });
}
