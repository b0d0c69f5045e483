// Temporary media over the long connection, through the real SDK WSClient against the fake server:
// init → chunks of ≤ 512 KiB from index 0 → finish, frame for frame what the SDK's own uploadMedia sends.
import { createHash, randomBytes } from 'node:crypto';
import { WSClient } from '@wecom/aibot-node-sdk';
import { SendError } from '../../../src/platforms/types';
import { UPLOAD_CHUNK_BYTES, uploadMedia } from '../../../src/platforms/wecom/aibot/upload';
import { FakeAibotServer, type ClientFrame } from '../../fakes/wecom/aibot-server';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const NAME = '授权.错误报告.xlsx';

describe('uploadMedia', () => {
  let server: FakeAibotServer;
  let client: WSClient;

  beforeEach(async () => {
    server = await FakeAibotServer.start();
    client = new WSClient({ botId: server.botId, secret: server.secret, wsUrl: server.url, logger: quiet });
    const subscribed = new Promise<void>((resolve) => client.once('authenticated', () => resolve()));
    client.connect();
    await subscribed;
  });

  afterEach(async () => {
    client.disconnect();
    await server.close();
  });

  const uploadFrames = () => server.received.filter((f) => f.cmd.startsWith('aibot_upload_media_'));
  const chunkBody = (f: ClientFrame) => f.body as { upload_id: string; chunk_index: number; base64_data: string };

  it('sends 1.2 MB as init, 3 chunks (0, 1, 2) and finish, and resolves with the media_id of the same bytes', async () => {
    const content = randomBytes(1_200_000);
    const mediaId = await uploadMedia(client, { name: NAME, content });

    const frames = uploadFrames();
    expect(frames.map((f) => f.cmd)).toEqual([
      'aibot_upload_media_init',
      'aibot_upload_media_chunk',
      'aibot_upload_media_chunk',
      'aibot_upload_media_chunk',
      'aibot_upload_media_finish',
    ]);
    const md5 = createHash('md5').update(content).digest('hex');
    expect(frames[0]?.body).toEqual({ type: 'file', filename: NAME, total_size: 1_200_000, total_chunks: 3, md5 });
    const chunks = frames.slice(1, 4).map(chunkBody);
    const uploadId = chunks[0]?.upload_id;
    expect(uploadId).toMatch(/^[0-9a-f]{32}$/);
    expect(chunks.map((c) => [c.upload_id, c.chunk_index, Buffer.from(c.base64_data, 'base64').length])).toEqual([
      [uploadId, 0, 524_288],
      [uploadId, 1, 524_288],
      [uploadId, 2, 151_424],
    ]);
    expect(frames[4]?.body).toEqual({ upload_id: uploadId });
    // Each frame its own req_id, named for its cmd as the SDK names them.
    expect(new Set(frames.map((f) => f.headers.req_id)).size).toBe(5);
    for (const f of frames) expect(f.headers.req_id.startsWith(`${f.cmd}_`)).toBe(true);

    expect(server.uploads).toHaveLength(1);
    const [upload] = server.uploads;
    expect(upload).toMatchObject({ mediaId, type: 'file', filename: NAME, chunkIndexes: [0, 1, 2] });
    expect(createHash('md5').update(upload!.content).digest('hex')).toBe(md5);
    expect(upload!.content.equals(content)).toBe(true);
  });

  it.each([
    [6, 1],
    [UPLOAD_CHUNK_BYTES, 1],
    [UPLOAD_CHUNK_BYTES + 1, 2],
  ])('cuts %i bytes into %i chunk(s)', async (bytes, chunks) => {
    const content = randomBytes(bytes);
    await uploadMedia(client, { name: 'r.xlsx', content });
    expect(server.frames('aibot_upload_media_init')[0]?.body).toMatchObject({ total_size: bytes, total_chunks: chunks });
    expect(server.frames('aibot_upload_media_chunk').map((f) => chunkBody(f).chunk_index)).toEqual([...Array(chunks).keys()]);
    expect(server.uploads[0]?.content.equals(content)).toBe(true);
  });

  it('builds the frames the SDK’s own uploadMedia builds', async () => {
    const content = randomBytes(1_200_000);
    await uploadMedia(client, { name: NAME, content });
    const ours = uploadFrames();
    server.received.length = 0;
    const sdk = await client.uploadMedia(content, { type: 'file', filename: NAME });
    const theirs = uploadFrames();

    const shape = (frames: ClientFrame[]) => ({
      init: frames.find((f) => f.cmd === 'aibot_upload_media_init')?.body,
      chunks: frames
        .filter((f) => f.cmd === 'aibot_upload_media_chunk')
        .map((f) => ({ ...chunkBody(f), upload_id: typeof chunkBody(f).upload_id }))
        .sort((a, b) => a.chunk_index - b.chunk_index),
      finish: Object.keys(frames.find((f) => f.cmd === 'aibot_upload_media_finish')?.body ?? {}),
    });
    expect(shape(ours)).toEqual(shape(theirs));
    expect(server.uploads.map((u) => u.content.equals(content))).toEqual([true, true]);
    expect(sdk.media_id).toBe(server.uploads[1]?.mediaId);
  });

  it('rejects with WeCom’s ack when init is refused, and sends no chunk', async () => {
    server.failNext('aibot_upload_media_init', 40006, 'invalid file size');
    await expect(uploadMedia(client, { name: NAME, content: randomBytes(100) })).rejects.toMatchObject({ errcode: 40006, errmsg: 'invalid file size' });
    expect(uploadFrames().map((f) => f.cmd)).toEqual(['aibot_upload_media_init']);
    expect(server.uploads).toEqual([]);
  });

  it('stops at the first refused chunk: no finish', async () => {
    server.failNext('aibot_upload_media_chunk', -1, 'system error', 1, (f) => chunkBody(f).chunk_index === 1);
    await expect(uploadMedia(client, { name: NAME, content: randomBytes(1_200_000) })).rejects.toMatchObject({ errcode: -1 });
    expect(uploadFrames().map((f) => f.cmd)).toEqual(['aibot_upload_media_init', 'aibot_upload_media_chunk', 'aibot_upload_media_chunk']);
    expect(server.uploads).toEqual([]);
  });

  it('does not take an ack without upload_id or media_id on trust', async () => {
    server.failNext('aibot_upload_media_init', 0, 'ok');
    const error = await uploadMedia(client, { name: NAME, content: randomBytes(100) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(error).toMatchObject({ retryable: true, code: 'wecom_upload_shape', message: 'WeCom long connection: unexpected aibot_upload_media_init ack' });

    server.failNext('aibot_upload_media_finish', 0, 'ok');
    await expect(uploadMedia(client, { name: NAME, content: randomBytes(100) })).rejects.toMatchObject({ code: 'wecom_upload_shape', message: expect.stringContaining('aibot_upload_media_finish') });
  });

  it('refuses a file WeCom would refuse before sending anything', async () => {
    await expect(uploadMedia(client, { name: NAME, content: Buffer.from('tiny') })).rejects.toMatchObject({ retryable: false, code: 'wecom_file_too_small' });
    expect(uploadFrames()).toEqual([]);
  });
});
