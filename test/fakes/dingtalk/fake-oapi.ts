// The legacy oapi.dingtalk.com side of the fake DingTalk (its own port, DINGTALK_OAPI_BASE):
// GET /gettoken and POST /media/upload. Like DingTalk it answers HTTP 200 with an errcode.
// Uploads are kept with their bytes; the robot endpoints accept a sampleFile only for a media_id
// uploaded here as type "file". Failures are injected with FakeOpenApi.failNext + oapiError().
import { randomBytes } from 'node:crypto';
import type { FakeReply, RecordedRequest } from './fake-openapi';
import type { FormPart } from '../multipart';

export interface Upload {
  mediaId: string;
  type: string;
  filename: string;
  contentType: string | undefined;
  content: Buffer;
  /** The access_token it was uploaded with. */
  token: string;
}

export interface FakeOapiOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  now: () => number;
}

/** A refusal as oapi answers it: `{"errcode":40014,"errmsg":"不合法的access_token"}` with HTTP 200. */
export function oapiError(errcode: number, errmsg: string, extra: { sub_code?: string; sub_msg?: string } = {}): FakeReply {
  return { status: 200, body: { errcode, errmsg, ...extra, request_id: randomBytes(6).toString('hex') } };
}

/** 上传媒体文件: extensions per media type; a "file" is 20 MB at most. */
const EXTENSIONS: Record<string, string[]> = {
  image: ['jpg', 'gif', 'png', 'bmp'],
  voice: ['amr', 'mp3', 'wav'],
  video: ['mp4'],
  file: ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'zip', 'pdf', 'rar'],
};
export const FAKE_MAX_FILE_BYTES = 20 * 1024 * 1024;

export class FakeOapi {
  readonly tokensIssued: string[] = [];
  readonly uploads: Upload[] = [];
  private readonly tokens = new Map<string, number>();

  constructor(private readonly opts: FakeOapiOptions) {}

  /** Every legacy token issued so far is refused from now on (expired early / revoked). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  upload(mediaId: unknown): Upload | undefined {
    return this.uploads.find((u) => u.mediaId === mediaId);
  }

  serve(req: Omit<RecordedRequest, 'at'>): FakeReply {
    switch (`${req.method} ${req.path}`) {
      case 'GET /gettoken':
        return this.getToken(req.query);
      case 'POST /media/upload':
        return this.mediaUpload(req.query, req.body);
      default:
        return { status: 404, body: { errcode: 404, errmsg: 'Not Found' } };
    }
  }

  private getToken(query: URLSearchParams): FakeReply {
    if (query.get('appkey') !== this.opts.clientId || query.get('appsecret') !== this.opts.clientSecret) {
      return oapiError(40089, '不合法的corpid或corpsecret');
    }
    const token = `oapi-${this.tokensIssued.length + 1}-${randomBytes(4).toString('hex')}`;
    this.tokensIssued.push(token);
    this.tokens.set(token, this.opts.now() + this.opts.tokenTtlSeconds * 1_000);
    return { status: 200, body: { errcode: 0, access_token: token, errmsg: 'ok', expires_in: this.opts.tokenTtlSeconds } };
  }

  private mediaUpload(query: URLSearchParams, body: unknown): FakeReply {
    const token = query.get('access_token');
    if (!token) return oapiError(41001, '缺少access_token参数');
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined || expiresAt <= this.opts.now()) return oapiError(40014, '不合法的access_token');
    const type = query.get('type') ?? '';
    const allowed = EXTENSIONS[type];
    if (!allowed) return oapiError(40004, '不合法的媒体文件类型');
    const media = Array.isArray(body) ? (body as FormPart[]).find((p) => p.name === 'media' && p.filename) : undefined;
    if (!media?.filename) return oapiError(40035, '不合法的参数', { sub_msg: '缺少参数 media' });
    const ext = /\.([^.]+)$/.exec(media.filename)?.[1]?.toLowerCase() ?? '';
    if (!allowed.includes(ext)) return oapiError(40005, '不合法的文件类型');
    if (media.data.length === 0 || (type === 'file' && media.data.length > FAKE_MAX_FILE_BYTES)) return oapiError(40006, '不合法的文件大小');
    const mediaId = `@lAz${randomBytes(21).toString('base64url')}`;
    this.uploads.push({ mediaId, type, filename: media.filename, contentType: media.contentType, content: media.data, token });
    return { status: 200, body: { errcode: 0, errmsg: 'ok', media_id: mediaId, created_at: this.opts.now(), type } };
  }
}
