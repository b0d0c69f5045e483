// Legacy oapi errcodes (HTTP 200 + errcode): which ones refresh the token, which ones wait, which
// ones are final.
import { classifyOapiError, isOapiInvalidToken, isOapiThrottled } from '../../../src/platforms/dingtalk/errors';

const WHAT = 'DingTalk media/upload';

describe('classifyOapiError', () => {
  test.each([
    ['-1 busy', { errcode: -1, errmsg: '系统繁忙' }, { retryable: true, retryAfterMs: undefined, code: 'errcode--1', message: `${WHAT}: errcode--1 系统繁忙` }],
    ['40014 token still refused', { errcode: 40014, errmsg: '不合法的access_token' }, { retryable: true, retryAfterMs: 60_000, code: 'errcode-40014' }],
    ['42001 token timed out', { errcode: 42001, errmsg: 'access_token超时' }, { retryable: true, retryAfterMs: 60_000, code: 'errcode-42001' }],
    ['88 with token sub_code', { errcode: 88, errmsg: '鉴权异常', sub_code: '40014', sub_msg: '不合法的access_token' }, { retryable: true, retryAfterMs: 60_000, code: 'errcode-88/40014', message: `${WHAT}: errcode-88/40014 不合法的access_token` }],
    ['88/60011 no permission', { errcode: 88, errmsg: '鉴权异常', sub_code: '60011', sub_msg: '没有调用该接口的权限' }, { retryable: false, code: 'errcode-88/60011', message: `${WHAT}: errcode-88/60011 没有调用该接口的权限` }],
    ['90018 per app and API', { errcode: 90018, errmsg: '当前企业调用该接口超过限制' }, { retryable: true, retryAfterMs: 1_000, code: 'errcode-90018' }],
    ['90002 per API', { errcode: 90002, errmsg: '服务器调用该接口超过限制' }, { retryable: true, retryAfterMs: 1_000, code: 'errcode-90002' }],
    ['90020 monthly quota', { errcode: 90020, errmsg: '当月调用量已超出限制' }, { retryable: true, retryAfterMs: 3_600_000, code: 'errcode-90020' }],
    ['40035 bad parameter', { errcode: 40035, errmsg: '不合法的参数' }, { retryable: false, code: 'errcode-40035', message: `${WHAT}: errcode-40035 不合法的参数` }],
    ['40005 bad file type', { errcode: 40005, errmsg: '不合法的文件类型' }, { retryable: false, code: 'errcode-40005' }],
    ['40006 bad file size', { errcode: 40006, errmsg: '不合法的文件大小' }, { retryable: false, code: 'errcode-40006' }],
  ])('%s', (_name, result, expected) => {
    const err = classifyOapiError(WHAT, result);
    expect(err).toMatchObject({ name: 'SendError', ...expected });
    // toMatchObject does not tell a missing wait from an undefined one; permanent errors have none.
    expect(err.retryAfterMs).toBe((expected as { retryAfterMs?: number }).retryAfterMs);
  });

  test('without errmsg the message is the code alone', () => {
    expect(classifyOapiError(WHAT, { errcode: 40035 }).message).toBe(`${WHAT}: errcode-40035`);
  });
});

test('invalid-token detection: 40014, 41001, 42001, or 88 carrying one of them as sub_code', () => {
  for (const errcode of [40014, 41001, 42001]) expect(isOapiInvalidToken({ errcode })).toBe(true);
  expect(isOapiInvalidToken({ errcode: 88, sub_code: '42001' })).toBe(true);
  expect(isOapiInvalidToken({ errcode: 88, sub_code: 41001 })).toBe(true);
  expect(isOapiInvalidToken({ errcode: 88, sub_code: '60011' })).toBe(false);
  expect(isOapiInvalidToken({ errcode: 88, sub_code: 'isv.invalid-token' })).toBe(false);
  expect(isOapiInvalidToken({ errcode: 88 })).toBe(false);
  expect(isOapiInvalidToken({ errcode: 0 })).toBe(false);
  expect(isOapiInvalidToken({ errcode: -1 })).toBe(false);
  // 40014 as a sub_code counts only under errcode 88.
  expect(isOapiInvalidToken({ errcode: 40035, sub_code: '40014' })).toBe(false);
});

test('throttling that pauses every call: 90018 and 90002, not the monthly quota', () => {
  expect(isOapiThrottled({ errcode: 90018 })).toBe(true);
  expect(isOapiThrottled({ errcode: 90002 })).toBe(true);
  expect(isOapiThrottled({ errcode: 90020 })).toBe(false);
  expect(isOapiThrottled({ errcode: -1 })).toBe(false);
});
