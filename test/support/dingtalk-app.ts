// The whole bot over DingTalk for end-to-end tests: the fake DingTalk (gateway, Stream, OpenAPI) on
// 127.0.0.1, and the real app wired as main.ts wires it — createPlatforms (DINGTALK_* env, real
// dingtalk-stream client), createApp (real domain, SQLite file), bindOutbox, optional /healthz.
// The demo organisation is seeded with DingTalk userIds that differ from the staff ids.
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/open';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { createApp, type App } from '../../src/app/create-app';
import { createPlatforms } from '../../src/app/platforms';
import { VirtualClock } from '../../src/clock/clock';
import { domainEnv } from '../../src/domain/deps';
import { DomainRoot } from '../../src/domain/domain';
import { applyOrg } from '../../src/domain/org/apply-org';
import { DEMO_ORG } from '../../src/domain/org/demo-org';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { createHttpServer, listen } from '../../src/http/server';
import { createLogger, silentLogger } from '../../src/log/logger';
import type { Platform } from '../../src/platforms/types';
import { FAKE_APP, FakeDingtalk, type FakeDingtalkOptions } from '../fakes/dingtalk/fake-dingtalk';
import type { Delivered } from '../fakes/dingtalk/fake-openapi';
import { cardActionContent, type StreamFrame } from '../fakes/dingtalk/fixtures';
import { waitFor } from '../fakes/dingtalk/wait';

export { quietSdkConsole } from '../integration/dingtalk/harness';

/** A demo person's DingTalk userId (staffId). */
export const dt = (staffId: string): string => `dt-${staffId}`;
/** Someone in the DingTalk groups who is not in the organisation. */
export const STRANGER = 'dt-stranger';
export const EAST_GROUP = FAKE_APP.group;
export const NORTH_GROUP = FAKE_APP.otherGroup;
const GROUP_TITLES: Record<string, string> = { [EAST_GROUP]: '华东销售群', [NORTH_GROUP]: '华北销售群' };
const BOT_DINGTALK_ID = '$:LWCP_v1:$4Wdf8vhbot9TgHFUDZ8Qi8qr3';
export const START = '2026-11-25T10:00:00+08:00';

const NAMES = new Map(DEMO_ORG.staff.map((s) => [s.id, s.name]));

export interface Say {
  /** A group conversation id (default 华东销售群), or 'private' for the single chat with the robot. */
  in?: string;
  messageId?: string;
  /** sessionWebhook lifetime; 0 = already expired, so the answer must go through OpenAPI. */
  sessionTtlMs?: number;
}

export interface DingtalkApp {
  fake: FakeDingtalk;
  app: App;
  store: SqliteStore;
  /** The SQLite connection under the store, for direct assertions. */
  db: Db;
  clock: VirtualClock;
  platform: Platform;
  file: string;
  /** `text` typed by a demo person (staff id) or by STRANGER, @bot already stripped as DingTalk does. */
  say(who: string, text: string, opts?: Say): StreamFrame;
  /** The text the robot answered to this message through its sessionWebhook. */
  answerTo(frame: StreamFrame): Promise<string>;
  /** A click on a delivered card instance by a demo person. */
  click(who: string, outTrackId: string, action: string, remark?: string): StreamFrame;
  /** Cards delivered so far into a space: `IM_GROUP.<cid>` or `IM_ROBOT.<userId>`. */
  cardsIn(space: string): Extract<Delivered, { kind: 'card' }>[];
  /** Serves /healthz on port 0; closed with the app. */
  http(): Promise<string>;
  /** Stops the app and closes the database; the fake keeps running (and keeps un-ACKed frames). */
  stop(): Promise<void>;
  /** A new process on the same database, fake and clock (after stop(), or as a crash stand-in). */
  restart(): Promise<DingtalkApp>;
  close(): Promise<void>;
}

export interface DingtalkAppOptions {
  /** Reuse a fake and a database file: a restarted process. */
  fake?: FakeDingtalk;
  /** For a new fake, e.g. `redeliverAfterMs`. */
  fakeOptions?: FakeDingtalkOptions;
  file?: string;
  clock?: VirtualClock;
  env?: Record<string, string>;
  /** close() deletes the database file (it was created for this test). */
  ownsFile?: boolean;
  /** Where imports sent in chat save their error reports (the app's default is ./data/import-reports). */
  reportDir?: string;
}

async function seedOrg(store: SqliteStore, clock: VirtualClock): Promise<void> {
  const org = { ...DEMO_ORG, groups: [], staff: DEMO_ORG.staff.map((s) => ({ ...s, dingtalkUserId: dt(s.id) })) };
  await new DomainRoot(domainEnv(store, clock, DEFAULT_RULES)).write((d) => applyOrg(d.deps, org, 'system'));
}

function sessionOf(frame: StreamFrame): string {
  const data = JSON.parse(frame.data) as { sessionWebhook: string };
  return new URL(data.sessionWebhook).searchParams.get('session') ?? '';
}

export async function startDingtalkApp(opts: DingtalkAppOptions = {}): Promise<DingtalkApp> {
  const clock = opts.clock ?? new VirtualClock(new Date(START));
  const fake =
    opts.fake ??
    (await FakeDingtalk.start({ users: [...DEMO_ORG.staff.map((s) => dt(s.id)), STRANGER], now: () => clock.now().getTime(), ...opts.fakeOptions }));
  const fresh = !opts.file;
  const ownsFile = fresh || opts.ownsFile === true;
  const file = opts.file ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dingtalk-e2e-')), 'dealguard.db');
  const store = SqliteStore.open({ file });
  if (fresh) await seedOrg(store, clock);

  // DINGTALK_TEST_LOG=debug shows the app's log lines while debugging a test.
  const logger = process.env.DINGTALK_TEST_LOG ? createLogger({ level: process.env.DINGTALK_TEST_LOG }) : silentLogger();
  const env = { DEALGUARD_PLATFORMS: 'dingtalk', ...fake.env(opts.env) };
  const { platforms, routers, bindOutbox } = await createPlatforms(['dingtalk'], env, { logger, clock, consolePlatform: undefined });
  const app = createApp({ store, clock, rules: DEFAULT_RULES, logger, platforms, reportDir: opts.reportDir });
  bindOutbox(app);
  await app.start();
  const platform = platforms[0]!;
  await waitFor(() => platform.health().state === 'connected', 'DingTalk connected');

  let server: Server | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await app.stop();
    await store.close();
  };

  return {
    fake,
    app,
    store,
    db: store.db,
    clock,
    platform,
    file,
    say(who, text, o = {}) {
      const uid = who === STRANGER ? STRANGER : dt(who);
      const inGroup = o.in !== 'private';
      const group = o.in && o.in !== 'private' ? o.in : EAST_GROUP;
      const data: Record<string, unknown> = {
        msgId: o.messageId ?? `msg-${Math.random().toString(36).slice(2)}`,
        senderStaffId: uid,
        senderId: `$:LWCP_v1:$${uid}`,
        senderNick: NAMES.get(who) ?? '访客',
        conversationType: inGroup ? '2' : '1',
        conversationId: inGroup ? group : `cid-single-${uid}`,
        ...(inGroup ? { conversationTitle: GROUP_TITLES[group] ?? group, atUsers: [{ dingtalkId: BOT_DINGTALK_ID }] } : {}),
        text: { content: inGroup ? ` ${text}` : text },
      };
      return fake.pushRobotMessage(data, {
        fixture: inGroup ? 'stream-robot-group-text' : 'stream-robot-single-text',
        ...(o.sessionTtlMs !== undefined ? { sessionTtlMs: o.sessionTtlMs } : {}),
      });
    },
    async answerTo(frame) {
      const session = sessionOf(frame);
      const sent = await waitFor(() => fake.api.delivered.find((d) => d.kind === 'session' && d.session === session), `answer to ${frame.headers.messageId}`);
      return sent.kind === 'session' ? String((sent.body.text as { content: string }).content) : '';
    },
    click(who, outTrackId, action, remark) {
      const card = fake.api.delivered.find((d): d is Extract<Delivered, { kind: 'card' }> => d.kind === 'card' && d.outTrackId === outTrackId);
      if (!card) throw new Error(`no card ${outTrackId} delivered`);
      const [, spaceType = '', spaceId = ''] = /^dtv1\.card\/\/(IM_GROUP|IM_ROBOT)\.(.+)$/.exec(card.openSpaceId) ?? [];
      const cardId = fake.api.cardParams(outTrackId)?.cardId ?? '';
      return fake.pushCardCallback({
        outTrackId,
        userId: dt(who),
        spaceType,
        spaceId: spaceType === 'IM_GROUP' ? spaceId : '',
        content: cardActionContent({ action, cardId, ...(remark ? { remark } : {}) }),
      });
    },
    cardsIn(space) {
      return fake.api.delivered.filter((d): d is Extract<Delivered, { kind: 'card' }> => d.kind === 'card' && d.openSpaceId === `dtv1.card//${space}`);
    },
    async http() {
      server = await listen(createHttpServer(platforms, routers), 0, '127.0.0.1');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop,
    async restart() {
      await stop();
      return startDingtalkApp({ fake, file, clock, ...(opts.env ? { env: opts.env } : {}), ownsFile });
    },
    async close() {
      await stop();
      await fake.stop();
      if (ownsFile) fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

/** A person sends a file to the robot in a private chat (the robot-message frame DingTalk pushes). */
export function pushFileFrom(h: DingtalkApp, staffId: string, name: string, bytes: Buffer): StreamFrame {
  const userId = dt(staffId);
  const downloadCode = `dl-${Math.random().toString(36).slice(2)}==`;
  h.fake.api.addFile(downloadCode, name, bytes);
  return h.fake.pushRobotMessage({
    msgId: `msg-${Math.random().toString(36).slice(2)}`,
    senderStaffId: userId,
    senderId: `$:LWCP_v1:$${userId}`,
    senderNick: NAMES.get(staffId) ?? staffId,
    conversationType: '1',
    conversationId: `cid-single-${userId}`,
    msgtype: 'file',
    content: { downloadCode, fileName: name },
  }, { fixture: 'stream-robot-file' });
}
