// A qyapi.weixin.qq.com stand-in on 127.0.0.1: gettoken, message/send, message/update_template_card
// (doc 90236 / 94888), media/upload (doc 90253: multipart field "media", the name raw in
// filename="…"; like WeCom it does not read RFC 2231 filename*=), with token expiry, errcode
// injection, and encrypted media downloads in the long-connection format (AES-256-CBC,
// key = base64(aeskey), IV = key[0..16), PKCS#7 to 32 bytes).
import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMultipart, type FormPart } from '../multipart';

interface Injection {
  errcode: number;
  errmsg: string;
  remaining: number;
  /** Sees the JSON body (undefined for uploads). */
  match: ((body: Record<string, unknown> | undefined) => boolean) | undefined;
}

export interface QyapiUpload {
  mediaId: string;
  type: string;
  filename: string;
  /** The filelength parameter of the part, when the client sent one. */
  filelength: number | undefined;
  content: Buffer;
}

const MEDIA_TYPES = new Set(['file', 'image', 'voice', 'video']);

export class FakeQyapi {
  readonly sent: Record<string, unknown>[] = [];
  readonly uploads: QyapiUpload[] = [];
  readonly updates: Record<string, unknown>[] = [];
  /** Method and path (no query: tokens stay out of test output) of every request. */
  readonly requests: string[] = [];
  tokensIssued = 0;
  private readonly validTokens = new Set<string>();
  private readonly responseCodes = new Map<string, boolean>();
  private readonly injections = new Map<string, Injection>();
  private readonly files = new Map<string, { name: string; body: Buffer }>();

  private constructor(
    private readonly server: Server,
    readonly corpId: string,
    readonly secret: string,
    readonly tokenTtlS: number,
  ) {
    server.on('request', (req, res) => void this.route(req, res));
  }

  static async start(opts: { corpId?: string; secret?: string; tokenTtlS?: number } = {}): Promise<FakeQyapi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new FakeQyapi(server, opts.corpId ?? 'ww-corp-test', opts.secret ?? 'app-secret-test', opts.tokenTtlS ?? 7200);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** WeCom invalidates every token it issued (as when one expires early or the secret is reset). */
  expireTokens(): void {
    this.validTokens.clear();
  }

  /** The next `times` calls to this path (whose JSON body matches, when given) are answered with this errcode. */
  failNext(path: string, errcode: number, errmsg: string, times = 1, match?: (body: Record<string, unknown> | undefined) => boolean): void {
    this.injections.set(path, { errcode, errmsg, remaining: times, match });
  }

  /** A code as a click callback would carry: usable once for update_template_card. */
  issueResponseCode(): string {
    const code = `rc-${randomBytes(6).toString('hex')}`;
    this.responseCodes.set(code, false);
    return code;
  }

  /** Hosts an encrypted file; the url and aeskey go into a file message frame. */
  serveFile(name: string, content: Buffer): { url: string; aeskey: string } {
    const key = randomBytes(32);
    const pad = 32 - (content.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const body = Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])), cipher.final()]);
    const id = randomBytes(6).toString('hex');
    this.files.set(id, { name, body });
    return { url: `${this.baseUrl}/media/${id}`, aeskey: key.toString('base64') };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    this.requests.push(`${req.method} ${url.pathname}`);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    if (url.pathname.startsWith('/media/')) {
      const file = this.files.get(url.pathname.slice('/media/'.length));
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'content-length': String(file.body.length),
      });
      res.end(file.body);
      return;
    }

    if (url.pathname === '/cgi-bin/gettoken' && req.method === 'GET') {
      if (url.searchParams.get('corpid') !== this.corpId || url.searchParams.get('corpsecret') !== this.secret) {
        json({ errcode: 40001, errmsg: 'invalid credential' });
        return;
      }
      const token = `tok-${++this.tokensIssued}-${randomBytes(4).toString('hex')}`;
      this.validTokens.add(token);
      json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: this.tokenTtlS });
      return;
    }

    if (req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const raw = await readBody(req);
    const token = url.searchParams.get('access_token') ?? '';
    if (!this.validTokens.has(token)) {
      json(token.startsWith('tok-') ? { errcode: 42001, errmsg: 'access_token expired' } : { errcode: 40014, errmsg: 'invalid access_token' });
      return;
    }
    const isUpload = url.pathname === '/cgi-bin/media/upload';
    const body = isUpload ? undefined : (JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
    const injected = this.injections.get(url.pathname);
    if (injected && injected.remaining > 0 && (injected.match?.(body) ?? true)) {
      injected.remaining--;
      json({ errcode: injected.errcode, errmsg: injected.errmsg });
      return;
    }

    if (!body) {
      json(this.upload(url.searchParams.get('type') ?? '', req.headers['content-type'] ?? '', raw));
      return;
    }

    if (url.pathname === '/cgi-bin/message/send') {
      const msgtype = String(body.msgtype);
      if (MEDIA_TYPES.has(msgtype)) {
        const mediaId = (body[msgtype] as { media_id?: unknown } | undefined)?.media_id;
        if (!this.uploads.some((u) => u.mediaId === mediaId && u.type === msgtype)) {
          json({ errcode: 40007, errmsg: 'invalid media_id' });
          return;
        }
      }
      this.sent.push(body);
      const card = body.template_card as { card_type?: string } | undefined;
      const response: Record<string, unknown> = { errcode: 0, errmsg: 'ok', msgid: `msg-${this.sent.length}` };
      if (card?.card_type === 'button_interaction') response.response_code = this.issueResponseCode();
      json(response);
      return;
    }
    if (url.pathname === '/cgi-bin/message/update_template_card') {
      const code = String(body.response_code);
      if (this.responseCodes.get(code) !== false) {
        json({ errcode: 40058, errmsg: 'invalid response_code' });
        return;
      }
      this.responseCodes.set(code, true);
      this.updates.push(body);
      json({ errcode: 0, errmsg: 'ok', invaliduser: [] });
      return;
    }
    res.writeHead(404).end();
  }

  /** The upload a file message names, if it was uploaded here. */
  mediaOf(message: Record<string, unknown>): QyapiUpload | undefined {
    const mediaId = (message[String(message.msgtype)] as { media_id?: unknown } | undefined)?.media_id;
    return this.uploads.find((u) => u.mediaId === mediaId);
  }

  private upload(type: string, contentType: string, raw: Buffer): Record<string, unknown> {
    if (!MEDIA_TYPES.has(type)) return { errcode: 40004, errmsg: 'invalid media type' };
    const part = parseWecomMultipart(contentType, raw)?.find((p) => p.name === 'media' && p.filename !== undefined);
    if (!part) return { errcode: 44001, errmsg: 'empty media data' };
    if (part.data.length <= 5) return { errcode: 40006, errmsg: 'invalid file size' };
    const mediaId = `1G6nrLmr5EC3MMb_${randomBytes(16).toString('base64url')}`;
    this.uploads.push({ mediaId, type, filename: part.filename as string, filelength: part.filelength, content: part.data });
    return { errcode: 0, errmsg: '', type, media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) };
  }
}

/** multipart/form-data as qyapi reads it: header values as raw UTF-8, no RFC 2231 `filename*=`. */
export function parseWecomMultipart(contentType: string, raw: Buffer): FormPart[] | undefined {
  return parseMultipart(contentType, raw, { extendedFilename: false });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
