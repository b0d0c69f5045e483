// RobotApi.uploadFile / sendFile over the real transports (LegacyOapi, OpenApi) against the fake
// DingTalk on 127.0.0.1: multipart upload to oapi, one token refresh, errcodes, sampleFile.
import { systemClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { AccessTokens } from '../../../src/platforms/dingtalk/access-token';
import { LegacyOapi } from '../../../src/platforms/dingtalk/legacy-oapi';
import { OpenApi } from '../../../src/platforms/dingtalk/openapi';
import { CallPacer } from '../../../src/platforms/dingtalk/rate-limit';
import { MAX_FILE_BYTES, RobotApi } from '../../../src/platforms/dingtalk/robot-api';
import { mediaUploadResponseSchema } from '../../../src/platforms/dingtalk/api-schemas';
import { FAKE_APP, FakeDingtalk } from '../../fakes/dingtalk/fake-dingtalk';
import { oapiError } from '../../fakes/dingtalk/fake-oapi';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Every byte value, twice: a transport that re-encodes the body would change them. */
const BYTES = Buffer.from([...Array(512).keys()].map((i) => i % 256));

class RecordingPacer extends CallPacer {
  readonly pauses: number[] = [];
  override pause(ms: number): void {
    this.pauses.push(ms);
    super.pause(ms);
  }
}

let fake: FakeDingtalk;
let robot: RobotApi;
let oapi: LegacyOapi;
let pacer: RecordingPacer;
beforeEach(async () => {
  fake = await FakeDingtalk.start();
  const logger = silentLogger();
  const app = { appKey: FAKE_APP.clientId, appSecret: FAKE_APP.clientSecret, timeoutMs: 2_000, clock: systemClock, logger };
  pacer = new RecordingPacer(1_000);
  const api = new OpenApi({ apiBase: fake.baseUrl, timeoutMs: 2_000, tokens: new AccessTokens({ ...app, apiBase: fake.baseUrl }), pacer, logger });
  const legacyTokens = new AccessTokens({ ...app, apiBase: fake.oapiBaseUrl, flavour: 'gettoken' });
  oapi = new LegacyOapi({ oapiBase: fake.oapiBaseUrl, timeoutMs: 2_000, tokens: legacyTokens, pacer, logger });
  robot = new RobotApi(api, FAKE_APP.robotCode, 2_000, oapi);
});
afterEach(async () => fake.stop());

const uploadCalls = () => fake.api.requests.filter((r) => r.path === '/media/upload');

test('uploadFile posts the bytes as multipart "media" with type=file to oapi and returns media_id as given', async () => {
  const mediaId = await robot.uploadFile('授权.错误报告.xlsx', BYTES);

  expect(mediaId).toMatch(/^@lAz[\w-]+$/);
  expect(fake.oapi.uploads).toEqual([
    { mediaId, type: 'file', filename: '授权.错误报告.xlsx', contentType: XLSX_MIME, content: BYTES, token: fake.oapi.tokensIssued[0] },
  ]);
  const [call] = uploadCalls();
  expect(call?.host).toBe('oapi');
  expect(call?.method).toBe('POST');
  expect(Object.fromEntries(call?.query ?? [])).toEqual({ access_token: fake.oapi.tokensIssued[0], type: 'file' });
  expect(call?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
});

test('sendFile: msgKey sampleFile with {mediaId, fileName, fileType} into a group and to a person', async () => {
  const mediaId = await robot.uploadFile('授权.错误报告.xlsx', BYTES);

  await robot.sendFile({ kind: 'chat', chatId: FAKE_APP.group }, mediaId, '授权.错误报告.xlsx');
  await robot.sendFile({ kind: 'user', platformUserId: 'alice' }, mediaId, '授权.错误报告.xlsx');

  const msgParam = { mediaId, fileName: '授权.错误报告.xlsx', fileType: 'xlsx' };
  expect(fake.api.delivered).toEqual([
    { kind: 'group', openConversationId: FAKE_APP.group, msgKey: 'sampleFile', msgParam },
    { kind: 'user', userId: 'alice', msgKey: 'sampleFile', msgParam },
  ]);
});

test('a sampleFile naming media never uploaded is refused for good', async () => {
  await expect(robot.sendFile({ kind: 'user', platformUserId: 'alice' }, '@lAzNeverUploaded', 'x.xlsx')).rejects.toMatchObject({
    retryable: false,
    code: 'invalidParameter',
    message: 'DingTalk oToMessages/batchSend: HTTP 400 invalidParameter msgParam.mediaId: unknown media',
  });
  expect(fake.api.delivered).toEqual([]);
});

test('a revoked legacy token is refreshed and the upload repeated once', async () => {
  await robot.uploadFile('a.xlsx', BYTES);
  fake.oapi.revokeTokens();

  const mediaId = await robot.uploadFile('b.xlsx', BYTES);

  expect(fake.oapi.tokensIssued).toHaveLength(2);
  const [t1, t2] = fake.oapi.tokensIssued;
  expect(uploadCalls().map((r) => r.query.get('access_token'))).toEqual([t1, t1, t2]);
  expect(fake.oapi.uploads.map((u) => [u.filename, u.token])).toEqual([['a.xlsx', t1], ['b.xlsx', t2]]);
  expect(fake.oapi.uploads[1]?.mediaId).toBe(mediaId);
});

test('refused again with the fresh token: retryable with a minute\'s wait, no third try', async () => {
  fake.api.failNext('/media/upload', oapiError(88, '鉴权异常', { sub_code: '42001', sub_msg: 'access_token超时' }), 2);

  await expect(robot.uploadFile('a.xlsx', BYTES)).rejects.toMatchObject({ retryable: true, retryAfterMs: 60_000, code: 'errcode-88/42001' });
  expect(uploadCalls()).toHaveLength(2);
  expect(fake.oapi.tokensIssued).toHaveLength(2);
});

test('90018 pauses the pacer shared with the OpenAPI; 40035 is final and pauses nothing', async () => {
  fake.api.failNext('/media/upload', oapiError(40035, '不合法的参数'));
  await expect(robot.uploadFile('a.xlsx', BYTES)).rejects.toMatchObject({ retryable: false, code: 'errcode-40035' });
  expect(pacer.pauses).toEqual([]);

  fake.api.failNext('/media/upload', oapiError(90018, '当前企业调用该接口超过限制'));
  await expect(robot.uploadFile('a.xlsx', BYTES)).rejects.toMatchObject({ retryable: true, retryAfterMs: 1_000, code: 'errcode-90018' });
  expect(pacer.pauses).toEqual([1_000]);
  expect(uploadCalls()).toHaveLength(2);
});

test('what oapi refuses in the request itself is final: media type, missing "media" field, file extension', async () => {
  const form = new FormData();
  form.append('media', new Blob([BYTES]), 'a.xlsx');
  await expect(oapi.postForm('upload', '/media/upload', { type: 'sticker' }, form, mediaUploadResponseSchema)).rejects.toMatchObject({ retryable: false, code: 'errcode-40004' });

  const other = new FormData();
  other.append('file', new Blob([BYTES]), 'a.xlsx');
  await expect(oapi.postForm('upload', '/media/upload', { type: 'file' }, other, mediaUploadResponseSchema)).rejects.toMatchObject({ retryable: false, code: 'errcode-40035' });

  const exe = new FormData();
  exe.append('media', new Blob([BYTES]), 'setup.exe');
  await expect(oapi.postForm('upload', '/media/upload', { type: 'file' }, exe, mediaUploadResponseSchema)).rejects.toMatchObject({ retryable: false, code: 'errcode-40005' });
  expect(fake.oapi.uploads).toEqual([]);
});

test('a file over 20 MB is refused before anything is sent', async () => {
  await expect(robot.uploadFile('big.xlsx', Buffer.alloc(MAX_FILE_BYTES + 1))).rejects.toMatchObject({ retryable: false, code: 'FileTooLarge' });
  expect(fake.api.requests).toEqual([]);
});
