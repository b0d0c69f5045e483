// What may be uploaded, the name it shows, and uploading a file once however often it is sent.
import { SendError } from '../../../src/platforms/types';
import { assertUploadable, displayName, FILE_MAX_BYTES, FILE_MIN_BYTES, UploadedMedia } from '../../../src/platforms/wecom/media';

const file = (bytes: number, name = '授权.错误报告.xlsx') => ({ name, content: Buffer.alloc(bytes, 1) });

describe('assertUploadable', () => {
  it('takes 6 bytes up to 20 MB', () => {
    expect([FILE_MIN_BYTES, FILE_MAX_BYTES]).toEqual([6, 20 * 1024 * 1024]);
    expect(() => assertUploadable(file(6))).not.toThrow();
    expect(() => assertUploadable(file(20 * 1024 * 1024))).not.toThrow();
  });

  it.each([
    [0, 'wecom_file_too_small'],
    [5, 'wecom_file_too_small'],
    [20 * 1024 * 1024 + 1, 'wecom_file_too_large'],
  ])('refuses %i bytes for good (%s)', (bytes, code) => {
    let error: unknown;
    try {
      assertUploadable(file(bytes));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SendError);
    expect(error).toMatchObject({ retryable: false, code, message: expect.stringContaining(`授权.错误报告.xlsx has ${bytes} bytes`) });
  });
});

describe('displayName', () => {
  it.each([
    ['授权.错误报告.xlsx', '授权.错误报告.xlsx'],
    ['  报告 .xlsx ', '报告 .xlsx'],
    ['a"b".xlsx', 'a_b_.xlsx'],
    ['C:\\tmp\\r.xlsx', 'C__tmp_r.xlsx'],
    ['//etc/r.xlsx', 'etc/r.xlsx'],
    ['a\r\nContent-Type: x.xlsx', 'a__Content-Type_ x.xlsx'],
    ['', 'file'],
    ['/', 'file'],
  ])('%j → %j', (name, shown) => {
    expect(displayName(name)).toBe(shown);
  });
});

describe('UploadedMedia', () => {
  it('uploads a file once, however often its message is retried', async () => {
    const media = new UploadedMedia();
    const report = file(10);
    let uploads = 0;
    const upload = async () => `media-${++uploads}`;
    expect(await media.mediaId(report, upload)).toBe('media-1');
    expect(await media.mediaId(report, upload)).toBe('media-1');
    // Another reply with equal bytes is another file.
    expect(await media.mediaId(file(10), upload)).toBe('media-2');
    expect(uploads).toBe(2);
  });

  it('remembers nothing when the upload failed, so the next try uploads again', async () => {
    const media = new UploadedMedia();
    const report = file(10);
    await expect(media.mediaId(report, async () => Promise.reject(new Error('system busy')))).rejects.toThrow('system busy');
    expect(await media.mediaId(report, async () => 'media-ok')).toBe('media-ok');
  });
});
