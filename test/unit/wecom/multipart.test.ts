// The multipart body of /cgi-bin/media/upload: the name raw in UTF-8, as qyapi's parser reads it.
import { randomBytes } from 'node:crypto';
import { multipartFile } from '../../../src/platforms/wecom/app/qyapi';
import { parseWecomMultipart } from '../../fakes/wecom/qyapi-server';

const boundaryOf = (contentType: string) => /^multipart\/form-data; boundary=(\S+)$/.exec(contentType)?.[1] as string;

describe('multipartFile', () => {
  it('names the file raw in UTF-8 with its filelength, in exactly the layout of doc 90253', () => {
    const content = Buffer.from('PK\u0003\u0004 report');
    const { contentType, body } = multipartFile('media', { name: '授权.错误报告.xlsx', content });
    const boundary = boundaryOf(contentType);
    expect(boundary).toMatch(/^----dealguard[0-9a-f]{24}$/);
    const expected = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\n` +
          'Content-Disposition: form-data; name="media"; filename="授权.错误报告.xlsx"; filelength=11\r\n' +
          'Content-Type: application/octet-stream\r\n\r\n',
        'utf8',
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
    ]);
    expect(Buffer.from(body).toString('utf8')).toBe(expected.toString('utf8'));
    expect(body.length).toBe(expected.length);
    // Raw bytes, not percent-encoded, and no RFC 2231 form WeCom would ignore.
    expect(Buffer.from(body).includes(Buffer.from('授权', 'utf8'))).toBe(true);
    expect(Buffer.from(body).toString('latin1')).not.toMatch(/filename\*=|%E6/);
  });

  it('parses back to the same name, length and bytes, binary content included', () => {
    const content = Buffer.concat([randomBytes(3000), Buffer.from('\r\n--\r\n\r\n'), randomBytes(3000)]);
    const { contentType, body } = multipartFile('media', { name: '代理授权 2026.错误报告.xlsx', content });
    const parts = parseWecomMultipart(contentType, Buffer.from(body)) ?? [];
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ name: 'media', filename: '代理授权 2026.错误报告.xlsx', filelength: content.length });
    expect(parts[0]?.data.equals(content)).toBe(true);
  });

  it('sends the display name: no quote, backslash, colon or leading slash to break the header', () => {
    const { contentType, body } = multipartFile('media', { name: '/报告"终版"\\a:b.xlsx', content: Buffer.from('123456') });
    expect(parseWecomMultipart(contentType, Buffer.from(body))?.[0]?.filename).toBe('报告_终版__a_b.xlsx');
  });

  it('draws a fresh boundary for every body', () => {
    const file = { name: 'a.xlsx', content: Buffer.from('123456') };
    expect(multipartFile('media', file).contentType).not.toBe(multipartFile('media', file).contentType);
  });
});
