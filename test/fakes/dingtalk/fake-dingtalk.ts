// A fake DingTalk on 127.0.0.1: Stream gateway + WebSocket and the OpenAPI on one port, the legacy
// oapi (gettoken, media upload) on a second one, so that a call sent to the wrong host fails.
// Tests start one per test (port 0) and stop it; nothing reaches the internet.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeOapi } from './fake-oapi';
import { FakeOpenApi, type FakeOpenApiOptions, type RecordedRequest } from './fake-openapi';
import { FakeStream, type FakeStreamOptions } from './fake-stream';
import { frameFrom, type StreamFrame } from './fixtures';
import { parseMultipart } from '../multipart';

export const FAKE_APP = {
  clientId: 'dingbotq0r3xc0b',
  clientSecret: 'fake-secret-5ViYxMpd9H',
  robotCode: 'dingbotq0r3xc0b',
  group: 'cidAsXSBLnA8kQjzRQJNfA2Tw==',
  otherGroup: 'cidNorthChina0000000000000==',
  users: ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'],
};

export type FakeDingtalkOptions = Partial<FakeOpenApiOptions> & Partial<FakeStreamOptions>;

export class FakeDingtalk {
  readonly stream: FakeStream;
  readonly api: FakeOpenApi;
  readonly oapi: FakeOapi;
  private servers: Server[] = [];
  baseUrl = '';
  oapiBaseUrl = '';

  private constructor(opts: FakeDingtalkOptions) {
    this.stream = new FakeStream({
      redeliverAfterMs: opts.redeliverAfterMs ?? null,
      rotateCloseAfterMs: opts.rotateCloseAfterMs ?? 300,
    });
    const app = {
      clientId: opts.clientId ?? FAKE_APP.clientId,
      clientSecret: opts.clientSecret ?? FAKE_APP.clientSecret,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 7_200,
      now: opts.now ?? Date.now,
    };
    this.oapi = new FakeOapi(app);
    this.api = new FakeOpenApi({
      ...app,
      robotCode: opts.robotCode ?? FAKE_APP.robotCode,
      sessionTtlMs: opts.sessionTtlMs ?? 90 * 60_000,
      groups: opts.groups ?? [FAKE_APP.group, FAKE_APP.otherGroup],
      users: opts.users ?? FAKE_APP.users,
    }, this.stream, this.oapi);
  }

  static async start(opts: FakeDingtalkOptions = {}): Promise<FakeDingtalk> {
    const fake = new FakeDingtalk(opts);
    const api = createServer((req, res) => void fake.onRequest('api', req, res));
    api.on('upgrade', (req, socket, head) => fake.stream.handleUpgrade(req, socket, head));
    const oapi = createServer((req, res) => void fake.onRequest('oapi', req, res));
    fake.servers = [api, oapi];
    fake.baseUrl = await listen(api);
    fake.oapiBaseUrl = await listen(oapi);
    fake.api.baseUrl = fake.baseUrl;
    return fake;
  }

  get gatewayUrl(): string {
    return `${this.baseUrl}/v1.0/gateway/connections/open`;
  }

  /** The DINGTALK_* environment that points the platform at this fake, with quick timings. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DINGTALK_CLIENT_ID: FAKE_APP.clientId,
      DINGTALK_CLIENT_SECRET: FAKE_APP.clientSecret,
      DINGTALK_ROBOT_CODE: FAKE_APP.robotCode,
      DINGTALK_CARD_TEMPLATE_ID: 'dealguard-notice.schema',
      DINGTALK_CARD_TEMPLATES: 'approval=dealguard-approval.schema',
      DINGTALK_API_BASE: this.baseUrl,
      DINGTALK_OAPI_BASE: this.oapiBaseUrl,
      DINGTALK_GATEWAY_URL: this.gatewayUrl,
      DINGTALK_RECONNECT_MIN_MS: '20',
      DINGTALK_RECONNECT_MAX_MS: '200',
      DINGTALK_KEEPALIVE_MS: '200',
      DINGTALK_CONNECT_TIMEOUT_MS: '1000',
      DINGTALK_HTTP_TIMEOUT_MS: '2000',
      ...extra,
    };
  }

  /**
   * A robot message like stream-robot-group-text.json, with a live sessionWebhook on this fake
   * (or an expired one with `sessionTtlMs: 0`). Returns the frame pushed: to the newest
   * connection, or with `toEveryConnection` to every live one at once (several instances).
   */
  pushRobotMessage(data: Record<string, unknown> = {}, opts: { fixture?: string; sessionTtlMs?: number; messageId?: string; toEveryConnection?: boolean } = {}): StreamFrame {
    const base = frameFrom(opts.fixture ?? 'stream-robot-group-text');
    const merged = { ...(JSON.parse(base.data) as Record<string, unknown>), ...data };
    const target = merged.conversationType === '1' ? `user:${String(merged.senderStaffId)}` : `chat:${String(merged.conversationId)}`;
    const session = this.api.openSession(target, opts.sessionTtlMs);
    const frame = frameFrom(opts.fixture ?? 'stream-robot-group-text', {
      data: { ...merged, sessionWebhook: session.url, sessionWebhookExpiredTime: session.expiresAt },
      headers: { messageId: opts.messageId ?? `msg_${Math.random().toString(36).slice(2)}` },
    });
    if (opts.toEveryConnection) this.stream.pushToEvery(frame);
    else this.stream.push(frame);
    return frame;
  }

  pushCardCallback(data: Record<string, unknown>, messageId = `card_${Math.random().toString(36).slice(2)}`): StreamFrame {
    const frame = frameFrom('stream-card-callback', { data, headers: { messageId } });
    this.stream.push(frame);
    return frame;
  }

  async stop(): Promise<void> {
    await this.stream.close();
    await Promise.all(this.servers.map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }));
  }

  private async onRequest(host: RecordedRequest['host'], req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = bodyOf(req.headers['content-type'], Buffer.concat(chunks));
    const reply = this.api.serve({ host, method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    if (reply.raw) {
      res.writeHead(reply.status, { 'content-type': 'application/octet-stream', ...reply.headers });
      res.end(reply.raw);
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json;charset=utf-8', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** JSON as parsed; multipart as its parts (FormPart[]); anything else as text. */
function bodyOf(contentType: string | undefined, bytes: Buffer): unknown {
  if (/^multipart\//i.test(contentType ?? '')) return parseMultipart(contentType, bytes) ?? bytes.toString('latin1');
  const text = bytes.toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}
