import { classifyDeliverFailure, classifyHttpError, classifyNetworkError, isInvalidToken } from '../../../src/platforms/dingtalk/errors';
import { fixture } from '../../fakes/dingtalk/fixtures';

describe('classifyHttpError', () => {
  test.each([
    ['403 QpsLimitForAppkeyAndApi', 403, fixture('error-qps-limit'), { retryable: true, retryAfterMs: 1_000 }],
    ['403 QpsLimitForApi', 403, { code: 'Forbidden.AccessDenied.QpsLimitForApi' }, { retryable: true, retryAfterMs: 1_000 }],
    ['403 monthly quota', 403, { code: 'Forbidden.AccessDenied.ApiCountLimitForOrg' }, { retryable: true, retryAfterMs: 3_600_000 }],
    ['per-IP ban', 403, fixture('error-ip-blocked'), { retryable: true, retryAfterMs: 300_000, code: 'status-1111' }],
    ['429', 429, undefined, { retryable: true, retryAfterMs: 1_000, code: 'http-429' }],
    ['500', 500, { code: 'InternalError' }, { retryable: true, code: 'InternalError' }],
    ['token still refused', 400, fixture('error-invalid-token'), { retryable: true, retryAfterMs: 60_000, code: 'InvalidAuthentication' }],
    ['bad parameter', 400, { code: 'invalidParameter', message: 'openConversationId' }, { retryable: false, code: 'invalidParameter' }],
    ['permission missing', 403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied' }, { retryable: false }],
    ['404', 404, undefined, { retryable: false, code: 'http-404' }],
  ])('%s', (_name, status, body, expected) => {
    expect(classifyHttpError('call', status, body)).toMatchObject({ name: 'SendError', ...expected });
  });

  test('Retry-After wins over the default wait', () => {
    const headers = new Headers({ 'retry-after': '7' });
    expect(classifyHttpError('call', 503, undefined, headers).retryAfterMs).toBe(7_000);
    expect(classifyHttpError('call', 403, fixture('error-qps-limit'), headers).retryAfterMs).toBe(7_000);
  });

  test('the message names the call and DingTalk\'s code', () => {
    expect(classifyHttpError('DingTalk card update', 400, { code: 'x.y', message: 'bad' }).message).toBe('DingTalk card update: HTTP 400 x.y bad');
  });
});

test('invalid-token detection: InvalidAuthentication body or HTTP 401', () => {
  expect(isInvalidToken(400, fixture('error-invalid-token'))).toBe(true);
  expect(isInvalidToken(401, undefined)).toBe(true);
  expect(isInvalidToken(400, { code: 'invalidParameter' })).toBe(false);
});

test('network errors are retryable; a timeout is named', () => {
  const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
  expect(classifyNetworkError('call', timeout)).toMatchObject({ retryable: true, code: 'Timeout', message: 'call: timed out' });
  const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
  expect(classifyNetworkError('call', refused)).toMatchObject({ retryable: true, code: 'NetworkError', message: 'call: fetch failed: connect ECONNREFUSED 127.0.0.1:1' });
});

test('a failed card delivery is retryable only when DingTalk blames itself', () => {
  expect(classifyDeliverFailure('deliver', 'system error')).toMatchObject({ retryable: true });
  expect(classifyDeliverFailure('deliver', 'robot is not in the space')).toMatchObject({ retryable: false, code: 'DeliverFailed' });
});
