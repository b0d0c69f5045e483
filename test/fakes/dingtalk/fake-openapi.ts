// The HTTP side of the fake DingTalk: gateway, OAuth token, robot messages, interactive cards,
// file download and sessionWebhooks; the legacy oapi host (gettoken, media upload) is FakeOapi.
// Every request to either host is recorded; successful sends are listed in `delivered`; failures
// can be injected per path; tokens expire or can be revoked.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { fixture } from './fixtures';
import type { FakeOapi } from './fake-oapi';
import type { FakeStream } from './fake-stream';

/** Bodies as sent on the wire; the tests assert on them field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface RecordedRequest {
  /** api.dingtalk.com (DINGTALK_API_BASE) or the legacy oapi.dingtalk.com (DINGTALK_OAPI_BASE). */
  host: 'api' | 'oapi';
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Json;
  at: number;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (file download). */
  raw?: Buffer;
}

export type Delivered =
  | { kind: 'group'; openConversationId: string; msgKey: string; msgParam: Record<string, unknown> }
  | { kind: 'user'; userId: string; msgKey: string; msgParam: Record<string, unknown> }
  | { kind: 'session'; session: string; body: Record<string, unknown> }
  | { kind: 'card'; outTrackId: string; openSpaceId: string; body: Json }
  | { kind: 'cardUpdate'; outTrackId: string; params: Record<string, string> };

interface Injected {
  method: string | undefined;
  path: string;
  reply: FakeReply;
  times: number;
}

export interface FakeOpenApiOptions {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  tokenTtlSeconds: number;
  sessionTtlMs: number;
  /** Groups the robot is in and staff it may message; others are refused like DingTalk would. */
  groups: string[];
  users: string[];
  /** The fake's idea of now, for token and sessionWebhook expiry (tests with a virtual clock). */
  now: () => number;
}

const invalidToken = (): FakeReply => ({ status: 400, body: fixture('error-invalid-token') });
const badParam = (message: string): FakeReply => ({
  status: 400,
  body: { code: 'invalidParameter', requestid: randomUUID(), message },
});

export class FakeOpenApi {
  readonly requests: RecordedRequest[] = [];
  readonly delivered: Delivered[] = [];
  readonly tokensIssued: string[] = [];
  private readonly tokens = new Map<string, number>();
  private readonly sessions = new Map<string, { expiresAt: number; target: string }>();
  private readonly cards = new Map<string, Record<string, string>>();
  private readonly files = new Map<string, { name: string; bytes: Buffer }>();
  private readonly injected: Injected[] = [];
  baseUrl = '';
  /** Called for every successful send, as it is recorded (latency benchmarks). */
  onDelivered: ((d: Delivered) => void) | undefined;

  constructor(
    private readonly opts: FakeOpenApiOptions,
    private readonly stream: FakeStream,
    private readonly oapi: FakeOapi,
  ) {}

  /** The next `times` requests to `path` (either host) get `reply` instead of being served; oapi refusals: oapiError(). */
  failNext(path: string, reply: FakeReply, times = 1, method?: string): void {
    this.injected.push({ method, path, reply, times });
  }

  /** Every token issued so far is refused from now on (expired early / revoked). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** A sessionWebhook URL for a conversation, as DingTalk attaches to a robot message. */
  openSession(target: string, ttlMs = this.opts.sessionTtlMs): { url: string; expiresAt: number } {
    const id = randomUUID().replace(/-/g, '');
    const expiresAt = this.opts.now() + ttlMs;
    this.sessions.set(id, { expiresAt, target });
    return { url: `${this.baseUrl}/robot/sendBySession?session=${id}`, expiresAt };
  }

  addFile(downloadCode: string, name: string, bytes: Buffer): void {
    this.files.set(downloadCode, { name, bytes });
  }

  cardParams(outTrackId: string): Record<string, string> | undefined {
    return this.cards.get(outTrackId);
  }

  private record(d: Delivered): void {
    this.delivered.push(d);
    this.onDelivered?.(d);
  }

  serve(req: Omit<RecordedRequest, 'at'>): FakeReply {
    this.requests.push({ ...req, at: Date.now() });
    const injected = this.injected.find((i) => i.path === req.path && (!i.method || i.method === req.method));
    if (injected) {
      injected.times--;
      if (injected.times <= 0) this.injected.splice(this.injected.indexOf(injected), 1);
      return injected.reply;
    }
    if (req.host === 'oapi') return this.oapi.serve(req);
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'POST /v1.0/gateway/connections/open':
        return this.gateway(req.body);
      case 'POST /v1.0/oauth2/accessToken':
        return this.accessToken(req.body);
      case 'POST /robot/sendBySession':
        return this.sessionWebhook(req.query.get('session') ?? '', req.body);
      default:
        if (route.startsWith('GET /files/')) return this.file(req.path.slice('/files/'.length));
    }
    if (!this.tokenValid(req.headers['x-acs-dingtalk-access-token'])) return invalidToken();
    switch (route) {
      case 'POST /v1.0/robot/groupMessages/send':
        return this.groupSend(req.body);
      case 'POST /v1.0/robot/oToMessages/batchSend':
        return this.batchSend(req.body);
      case 'POST /v1.0/card/instances/createAndDeliver':
        return this.createAndDeliver(req.body);
      case 'PUT /v1.0/card/instances':
        return this.updateCard(req.body);
      case 'POST /v1.0/robot/messageFiles/download':
        return this.fileDownload(req.body);
      default:
        return { status: 404, body: { code: 'unknownPath', message: route } };
    }
  }

  private gateway(body: Json): FakeReply {
    if (body?.clientId !== this.opts.clientId || body?.clientSecret !== this.opts.clientSecret) {
      return { status: 401, body: fixture('gateway-auth-failed') };
    }
    const endpoint = `${this.baseUrl.replace(/^http/, 'ws')}/connect`;
    return { status: 200, body: { endpoint, ticket: this.stream.issueTicket() } };
  }

  private accessToken(body: Json): FakeReply {
    if (body?.appKey !== this.opts.clientId || body?.appSecret !== this.opts.clientSecret) {
      return { status: 400, body: fixture('oauth2-invalid-client') };
    }
    const token = `tok-${this.tokensIssued.length + 1}-${randomUUID().slice(0, 8)}`;
    this.tokensIssued.push(token);
    this.tokens.set(token, this.opts.now() + this.opts.tokenTtlSeconds * 1_000);
    return { status: 200, body: { expireIn: this.opts.tokenTtlSeconds, accessToken: token } };
  }

  private tokenValid(header: string | string[] | undefined): boolean {
    const expiresAt = typeof header === 'string' ? this.tokens.get(header) : undefined;
    return expiresAt !== undefined && expiresAt > this.opts.now();
  }

  private groupSend(body: Json): FakeReply {
    if (body?.robotCode !== this.opts.robotCode) return badParam('robotCode');
    if (!this.opts.groups.includes(body?.openConversationId)) return badParam('openConversationId: robot not in group');
    const refused = this.refusedMsgParam(body);
    if (refused) return refused;
    this.record({ kind: 'group', openConversationId: body.openConversationId, msgKey: body.msgKey, msgParam: JSON.parse(body.msgParam) });
    return { status: 200, body: fixture('robot-group-send-response') };
  }

  private batchSend(body: Json): FakeReply {
    if (body?.robotCode !== this.opts.robotCode) return badParam('robotCode');
    const refused = this.refusedMsgParam(body);
    if (refused) return refused;
    const ids: string[] = Array.isArray(body?.userIds) ? body.userIds : [];
    const invalid = ids.filter((id) => !this.opts.users.includes(id));
    for (const userId of ids.filter((id) => this.opts.users.includes(id))) {
      this.record({ kind: 'user', userId, msgKey: body.msgKey, msgParam: JSON.parse(body.msgParam) });
    }
    return { status: 200, body: { ...fixture<Record<string, unknown>>('robot-batch-send-response'), invalidStaffIdList: invalid } };
  }

  /** msgParam must be JSON; a sampleFile must name a file uploaded to oapi (type "file"). */
  private refusedMsgParam(body: Json): FakeReply | undefined {
    let param: Json;
    try {
      param = JSON.parse(body?.msgParam);
    } catch {
      return badParam('msgParam');
    }
    if (body?.msgKey !== 'sampleFile') return undefined;
    if (this.oapi.upload(param?.mediaId)?.type !== 'file') return badParam('msgParam.mediaId: unknown media');
    if (typeof param.fileName !== 'string' || param.fileName === '' || typeof param.fileType !== 'string' || param.fileType === '') {
      return badParam('msgParam.fileName/fileType');
    }
    return undefined;
  }

  private createAndDeliver(body: Json): FakeReply {
    const params = body?.cardData?.cardParamMap;
    if (!body?.cardTemplateId || !body?.outTrackId || typeof params !== 'object') return badParam('cardTemplateId/outTrackId/cardData');
    if (Object.values(params).some((v) => typeof v !== 'string')) return badParam('cardParamMap values must be strings');
    if (this.cards.has(body.outTrackId)) return badParam('outTrackId already exists');
    const [, spaceType = '', spaceId = ''] = /^dtv1\.card\/\/(IM_GROUP|IM_ROBOT)\.(.+)$/.exec(body.openSpaceId ?? '') ?? [];
    const known = spaceType === 'IM_GROUP' ? this.opts.groups.includes(spaceId) : this.opts.users.includes(spaceId);
    this.cards.set(body.outTrackId, { ...params });
    if (known) this.record({ kind: 'card', outTrackId: body.outTrackId, openSpaceId: body.openSpaceId, body });
    return {
      status: 200,
      body: {
        success: true,
        result: {
          outTrackId: body.outTrackId,
          deliverResults: [{ spaceType, spaceId, success: known, ...(known ? { carrierId: randomUUID() } : { errorMsg: 'robot is not in the space' }) }],
        },
      },
    };
  }

  private updateCard(body: Json): FakeReply {
    const current = this.cards.get(body?.outTrackId);
    const params = body?.cardData?.cardParamMap;
    if (!current || typeof params !== 'object') return badParam('outTrackId');
    if (Object.values(params).some((v) => typeof v !== 'string')) return badParam('cardParamMap values must be strings');
    const next = body?.cardUpdateOptions?.updateCardDataByKey ? { ...current, ...params } : { ...params };
    this.cards.set(body.outTrackId, next);
    this.record({ kind: 'cardUpdate', outTrackId: body.outTrackId, params });
    return { status: 200, body: fixture('card-update-response') };
  }

  private fileDownload(body: Json): FakeReply {
    if (body?.robotCode !== this.opts.robotCode || !this.files.has(body?.downloadCode)) return badParam('downloadCode');
    return { status: 200, body: { downloadUrl: `${this.baseUrl}/files/${encodeURIComponent(body.downloadCode)}` } };
  }

  private file(code: string): FakeReply {
    const file = this.files.get(decodeURIComponent(code));
    return file ? { status: 200, raw: file.bytes } : { status: 404 };
  }

  private sessionWebhook(session: string, body: Json): FakeReply {
    const s = this.sessions.get(session);
    if (!s || s.expiresAt <= this.opts.now()) return { status: 200, body: fixture('session-webhook-expired') };
    this.record({ kind: 'session', session, body });
    return { status: 200, body: fixture('session-webhook-ok') };
  }
}
