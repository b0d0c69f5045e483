// The whole app over WeCom: real createPlatforms (WECOM_* env), the real @wecom/aibot-node-sdk and
// application callback router, the real bot, domain and dispatcher over SQLite, against the fake
// WeCom servers on 127.0.0.1. Time is a VirtualClock that the scheduler moves.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../db/open';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { VirtualClock } from '../../src/clock/clock';
import { silentLogger } from '../../src/log/logger';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { domainEnv } from '../../src/domain/deps';
import { DomainRoot } from '../../src/domain/domain';
import { applyOrg } from '../../src/domain/org/apply-org';
import { DEMO_ORG } from '../../src/domain/org/demo-org';
import type { OrgData } from '../../src/domain/org/org-data';
import { createApp, type App } from '../../src/app/create-app';
import { createPlatforms } from '../../src/app/platforms';
import { createHttpServer, listen } from '../../src/http/server';
import { parseButtonKey } from '../../src/platforms/wecom/encode/card-key';
import { FakeAibotServer, type ClientFrame } from '../fakes/wecom/aibot-server';
import { cardEventXml, signedCallback, textMessageXml } from '../fakes/wecom/callback-signer';
import { CALLBACK_KEYS } from '../fakes/wecom/config';
import { fixtureFrame } from '../fakes/wecom/fixtures';
import { FakeQyapi } from '../fakes/wecom/qyapi-server';
import { DEMO_NOW } from './console-harness';

/** WeCom userids of the demo people: deliberately unlike their staff ids, so the mapping is exercised. */
export const WECOM_USER = {
  dave: 'WangZong',
  carol: 'ChenJingLi',
  erin: 'WuJingLi',
  alice: 'LiLei',
  bob: 'HanMeiMei',
  frank: 'ZhaoQiang',
  pat: 'PanHuoBan',
  admin: 'GuanLiYuan',
} as const;

/** A demo person's WeCom userid; anything else is taken as a userid already (strangers). */
export function wecomId(staffId: string): string {
  return (WECOM_USER as Record<string, string | undefined>)[staffId] ?? staffId;
}

export const CHAT = { east: 'wrEastSales0001', north: 'wrNorthSales002', board: 'wrManagement003' } as const;
const CHAT_OF_GROUP: Record<string, string> = { 华东销售群: CHAT.east, 华北销售群: CHAT.north, 管理层群: CHAT.board };

export const BOT_NAME = '渠道助手';
export const CALLBACK_PATH = '/wecom/callback';

/** The demo organisation on WeCom. 华东销售群 is known but bound to no team: /绑定群 does that. */
export function wecomDemoOrg(): OrgData {
  return {
    dealers: DEMO_ORG.dealers,
    staff: DEMO_ORG.staff.map((s) => ({ ...s, wecomUserId: wecomId(s.id) })),
    groups: DEMO_ORG.groups.map((g) => {
      const { team, ...rest } = g;
      const chatId = CHAT_OF_GROUP[g.name];
      return { ...rest, platform: 'wecom' as const, ...(chatId ? { chatId } : {}), ...(team && g.name !== '华东销售群' ? { team } : {}) };
    }),
  };
}

export interface WecomAppOptions {
  mode?: 'aibot' | 'app' | 'both';
  /** Extra or overriding WECOM_* variables. */
  env?: Record<string, string>;
  /** Where imports sent in chat save their error reports (the app's default is ./data/import-reports). */
  reportDir?: string;
}

interface Stack {
  app: App;
  http: Server;
  base: string;
}

export class WecomApp {
  readonly store: SqliteStore;
  /** The SQLite connection under the store, for direct assertions. */
  readonly db: Db;
  readonly clock: VirtualClock;
  private stack: Stack | undefined;
  private msgSeq = 0;

  private constructor(
    private readonly opts: WecomAppOptions,
    readonly aibot: FakeAibotServer | undefined,
    readonly qyapi: FakeQyapi | undefined,
  ) {
    this.store = SqliteStore.open({ file: ':memory:' });
    this.db = this.store.db;
    this.clock = new VirtualClock(new Date(DEMO_NOW));
  }

  private async seed(): Promise<void> {
    await new DomainRoot(domainEnv(this.store, this.clock, DEFAULT_RULES)).write((d) => applyOrg(d.deps, wecomDemoOrg(), 'system'));
  }

  static async start(opts: WecomAppOptions = {}): Promise<WecomApp> {
    const mode = opts.mode ?? 'aibot';
    const aibot = mode === 'app' ? undefined : await FakeAibotServer.start();
    const qyapi = mode === 'aibot' ? undefined : await FakeQyapi.start({ corpId: CALLBACK_KEYS.corpId });
    let h: WecomApp | undefined;
    try {
      h = new WecomApp(opts, aibot, qyapi);
      await h.seed();
      await h.startStack();
      return h;
    } catch (e) {
      // A failed start must not leave servers behind: jest would never exit.
      await Promise.all([aibot?.close(), qyapi?.close()]);
      await h?.store.close();
      throw e;
    }
  }

  get app(): App {
    if (!this.stack) throw new Error('WecomApp is stopped');
    return this.stack.app;
  }

  /** Base URL of the app's HTTP server (/healthz, the callback path). */
  get httpBase(): string {
    if (!this.stack) throw new Error('WecomApp is stopped');
    return this.stack.base;
  }

  get server(): FakeAibotServer {
    if (!this.aibot) throw new Error('no long connection in WECOM_MODE=app');
    return this.aibot;
  }

  get api(): FakeQyapi {
    if (!this.qyapi) throw new Error('no application in WECOM_MODE=aibot');
    return this.qyapi;
  }

  env(): Record<string, string> {
    const env: Record<string, string> = { WECOM_MODE: this.opts.mode ?? 'aibot', WECOM_CALLBACK_PATH: CALLBACK_PATH };
    if (this.aibot) {
      Object.assign(env, {
        WECOM_BOT_ID: this.aibot.botId,
        WECOM_BOT_SECRET: this.aibot.secret,
        WECOM_BOT_NAME: BOT_NAME,
        WECOM_WS_URL: this.aibot.url,
        WECOM_HEARTBEAT_MS: '500',
        WECOM_RECONNECT_BASE_MS: '50',
        WECOM_CONNECT_TIMEOUT_MS: '2000',
      });
    }
    if (this.qyapi) {
      Object.assign(env, {
        WECOM_CORP_ID: CALLBACK_KEYS.corpId,
        WECOM_AGENT_ID: String(CALLBACK_KEYS.agentId),
        WECOM_APP_SECRET: this.qyapi.secret,
        WECOM_CALLBACK_TOKEN: CALLBACK_KEYS.token,
        WECOM_CALLBACK_AES_KEY: CALLBACK_KEYS.aesKey,
        WECOM_API_BASE: this.qyapi.baseUrl,
      });
    }
    return { ...env, ...this.opts.env };
  }

  /** A member types text: in a group (after @bot) over the long connection, or in the bot's single chat. Returns the frame's req_id. */
  say(staffId: string, text: string, where: { chat?: string; msgid?: string } = {}): string {
    const userid = wecomId(staffId);
    const msgid = where.msgid ?? this.nextId('msg');
    const patch = where.chat
      ? { msgid, chatid: where.chat, from: { userid }, text: { content: `@${BOT_NAME} ${text}` } }
      : { msgid, chattype: 'single', chatid: undefined, response_url: undefined, from: { userid }, text: { content: text } };
    return this.server.pushMessage(fixtureFrame('aibot-msg-text-group.json', patch).body);
  }

  /** A member clicks a button of a template card the fake received; returns the event's req_id. */
  click(staffId: string, card: ClientFrame, action: string, where: { chat?: string } = {}): string {
    const { task_id, key } = buttonOf(card, action);
    const userid = wecomId(staffId);
    const conversation = where.chat ? { chatid: where.chat, chattype: 'group' } : { chatid: undefined, chattype: 'single' };
    const body = fixtureFrame('aibot-event-template-card.json', {
      msgid: this.nextId('evt'),
      ...conversation,
      from: { userid },
      event: { template_card_event: { event_key: key, task_id } },
    }).body;
    return this.server.pushEvent(body);
  }

  /** POSTs an application callback signed at the virtual now (or at `timestamp`, in seconds). */
  postCallback(plainXml: string, timestamp = this.nowS()): Promise<Response> {
    const { query, body } = signedCallback(CALLBACK_KEYS, plainXml, timestamp);
    return this.post(query, body);
  }

  post(query: string, body: string): Promise<Response> {
    return fetch(`${this.httpBase}${CALLBACK_PATH}${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  }

  appText(staffId: string, content: string, msgId = this.nextId('7')): string {
    return textMessageXml(CALLBACK_KEYS, wecomId(staffId), content, msgId, this.nowS());
  }

  appClick(staffId: string, card: { task_id: string; button_list?: { key: string }[] }, action: string): string {
    const key = card.button_list?.find((b) => parseButtonKey(b.key)?.action === action)?.key;
    if (!key) throw new Error(`card ${card.task_id} has no ${action} button`);
    return cardEventXml(CALLBACK_KEYS, wecomId(staffId), key, card.task_id, this.api.issueResponseCode(), this.nowS());
  }

  /** Moves virtual time forward, running the scheduler's jobs and the dispatcher's deliveries in order. */
  advance(ms: number): Promise<void> {
    return this.app.scheduler.advanceTo(this.clock, new Date(this.clock.now().getTime() + ms));
  }

  advanceTo(iso: string): Promise<void> {
    return this.app.scheduler.advanceTo(this.clock, new Date(iso));
  }

  /** Stops this process and starts a fresh one over the same database (new SDK client, new memory). */
  async restart(): Promise<void> {
    await this.stopStack();
    await this.startStack();
  }

  async close(): Promise<void> {
    await this.stopStack();
    await Promise.all([this.aibot?.close(), this.qyapi?.close()]);
    await this.store.close();
  }

  private async startStack(): Promise<void> {
    const logger = silentLogger();
    const set = await createPlatforms(['wecom'], this.env(), { logger, clock: this.clock, consolePlatform: undefined });
    const app = createApp({ store: this.store, clock: this.clock, rules: DEFAULT_RULES, logger, platforms: set.platforms, reportDir: this.opts.reportDir });
    set.bindOutbox(app);
    await app.start();
    const http = await listen(createHttpServer(set.platforms, set.routers), 0, '127.0.0.1');
    this.stack = { app, http, base: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }

  private async stopStack(): Promise<void> {
    const stack = this.stack;
    if (!stack) return;
    this.stack = undefined;
    await stack.app.stop();
    stack.http.closeAllConnections();
    await new Promise((resolve) => stack.http.close(resolve));
  }

  private nowS(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private nextId(prefix: string): string {
    return `${prefix}${String(++this.msgSeq).padStart(6, '0')}`;
  }
}

interface TemplateCardBody {
  task_id: string;
  button_list?: { key: string; text: string }[];
  main_title?: { title?: string; desc?: string };
}

export function templateCardOf(frame: ClientFrame): TemplateCardBody {
  const card = (frame.body as { template_card?: TemplateCardBody } | undefined)?.template_card;
  if (!card) throw new Error(`frame ${frame.cmd} carries no template_card`);
  return card;
}

function buttonOf(frame: ClientFrame, action: string): { task_id: string; key: string } {
  const card = templateCardOf(frame);
  const key = card.button_list?.find((b) => parseButtonKey(b.key)?.action === action)?.key;
  if (!key) throw new Error(`card ${card.task_id} has no ${action} button`);
  return { task_id: card.task_id, key };
}

/** The human-readable content of a frame: stream or markdown text, or the template card as JSON. */
export function textOf(frame: ClientFrame): string {
  const body = (frame.body ?? {}) as { stream?: { content?: string }; markdown?: { content?: string }; template_card?: unknown };
  return body.stream?.content ?? body.markdown?.content ?? (body.template_card ? JSON.stringify(body.template_card) : '');
}

/** Where a frame goes: the chatid of a push, or undefined for a reply (bound to its req_id). */
export function chatOf(frame: ClientFrame): string | undefined {
  return (frame.body as { chatid?: string } | undefined)?.chatid;
}

export async function eventually(probe: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Gives work that should not happen the time to happen, before asserting that it did not. */
export function settle(ms = 100): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Every row of every table, for "nothing changed" assertions. */
export function snapshot(db: Db): Record<string, unknown[]> {
  const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  // Ordered by every column: WITHOUT ROWID tables (dedup_keys) have no rowid to order by.
  const orderOf = (name: string) => (db.$client.prepare(`SELECT count(*) AS n FROM pragma_table_info('${name}')`).get() as { n: number }).n;
  return Object.fromEntries(
    tables.map(({ name }) => [name, db.$client.prepare(`SELECT * FROM "${name}" ORDER BY ${Array.from({ length: orderOf(name) }, (_, i) => i + 1).join(', ')}`).all()]),
  );
}
