// WeCom answers errors as numeric errcodes, on the long connection and over HTTP alike.
// Here they become SendError: retry later, rate-limited (retry after), or never.
import { SendError } from '../types';

/** Frequency limits: retry after the window. 45009 API call frequency, 45033 concurrency. */
const RATE_LIMITED = new Set([45009, 45033]);

/** access_token invalid (40014) or expired (42001): refresh the token and retry once. */
export const TOKEN_ERRCODES = new Set([40014, 42001]);

/**
 * Errors that resending cannot fix: the recipient or chat does not exist or left, the bot may not
 * post there, or the message itself is refused.
 */
const PERMANENT: Record<number, string> = {
  40001: 'invalid secret',
  40003: 'invalid userid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid file size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40058: 'invalid parameter',
  44001: 'empty media data',
  44004: 'empty content',
  45002: 'content too long',
  48002: 'api forbidden',
  60011: 'no privilege',
  60020: 'ip not in allow list',
  60111: 'userid not found',
  81013: 'all recipients invalid (left, or outside the app visibility)',
  82001: 'no recipient',
  93006: 'invalid chatid',
  600039: 'message type not supported by this client',
  846605: 'invalid req_id',
};

export const RATE_LIMIT_RETRY_MS = 60_000;

export function errcodeToSendError(errcode: number, errmsg: string | undefined, retryAfterMs = RATE_LIMIT_RETRY_MS): SendError {
  const code = `wecom_${errcode}`;
  const message = `WeCom errcode ${errcode}: ${errmsg ?? PERMANENT[errcode] ?? 'unknown'}`;
  if (RATE_LIMITED.has(errcode)) return new SendError(message, { retryable: true, retryAfterMs, code });
  if (errcode in PERMANENT) return new SendError(message, { retryable: false, code });
  // Unknown codes (including -1 "system busy") are retried: losing a notice is worse than a late one.
  return new SendError(message, { retryable: true, code });
}

export function isRateLimited(error: SendError): boolean {
  return error.retryable && error.retryAfterMs !== undefined;
}
