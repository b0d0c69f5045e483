// Leader death: three real instance processes on one PostgreSQL database, each with a WecomPlatform
// (long connection, WECOM_MODE=aibot) pointed at the fake WeCom server, AdvisoryLeadership polled
// every 500 ms. WeCom keeps one long connection per bot, so only the leader may hold it. The leader
// is SIGKILLed: another instance leads, the connection moves to it, and it answers messages. Then
// the next leader dies while nobody can take over, a follower queues a notice, and whoever leads
// next delivers it (catch-up).
import pg from 'pg';
import { LEADER_LOCK } from '../../../src/storage/pg/advisory-leadership';
import type { IncomingMessage } from '../../../src/platforms/types';
import { FakeAibotServer, type ClientFrame, type ConnectionEvent } from '../../fakes/wecom/aibot-server';
import { fixtureFrame } from '../../fakes/wecom/fixtures';
import { createTestDatabase } from '../../support/pg';
import { BOT_NAME, CHAT, WECOM_USER, textOf, wecomDemoOrg } from '../../support/wecom-app';
import { Instance, query, seedOrg } from '../../support/multi-instance/instances';

const POLL_MS = 500;
const TAKEOVER_LIMIT_MS = 30_000;

/** The most connections the fake had open at one moment, from its log of opens and closes. */
function maxOpenAtOnce(log: ConnectionEvent[]): number {
  let open = 0;
  let max = 0;
  for (const e of log) {
    if (e.event === 'open') max = Math.max(max, ++open);
    if (e.event === 'close') open--;
  }
  return max;
}

const isCard = (f: ClientFrame) => (f.body as { msgtype?: string } | undefined)?.msgtype === 'template_card';

describe('the leader dies: another instance takes the WeCom connection, answers, and catches up', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: FakeAibotServer;
  let instances: Instance[] = [];
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase('mi_leader');
    await seedOrg(db.url, wecomDemoOrg());
    server = await FakeAibotServer.start();
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await server?.close();
    await db?.drop();
  });

  /** A member @s the bot in a group over the long connection; returns the frame's req_id. */
  const say = (userid: string, text: string): string =>
    server.pushMessage(fixtureFrame('aibot-msg-text-group.json', { msgid: `mi-${++seq}`, chatid: CHAT.east, from: { userid }, text: { content: `@${BOT_NAME} ${text}` } }).body);

  const health = async (inst: Instance): Promise<{ status: number; body: { instance: { id: string; leading: boolean; leader: string | null }; platforms: { state: string }[] } }> => {
    const port = (inst.events.find((e) => e.event === 'ready')?.port as number | undefined) ?? 0;
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as never };
  };

  const platformState = async (inst: Instance): Promise<string> => {
    const id = `h${++seq}`;
    const from = inst.events.length;
    inst.send({ op: 'health', id });
    const h = await inst.waitFor((e) => e.event === 'health' && e.id === id, 5_000, 'health', from);
    return (h.platforms as { state: string }[])[0]!.state;
  };

  /** Waits until exactly one of `among` leads; returns it and when it said so. */
  const nextLeader = async (among: Instance[], from: number[]): Promise<{ leader: Instance; at: number }> => {
    const e = await Promise.any(among.map((inst, k) => inst.waitFor((ev) => ev.event === 'leading' && ev.leading === true, TAKEOVER_LIMIT_MS, 'the lead', from[k])));
    return { leader: among.find((i) => i.id === e.instance)!, at: e.at as number };
  };

  it('one connection at a time, held by the leader; SIGKILL moves it within the poll; missed notices are delivered', async () => {
    const env = {
      MI_DB_URL: db.url,
      MI_POLL_MS: String(POLL_MS),
      MI_PLATFORMS: 'wecom',
      MI_HTTP: '1',
      WECOM_MODE: 'aibot',
      WECOM_BOT_ID: server.botId,
      WECOM_BOT_SECRET: server.secret,
      WECOM_BOT_NAME: BOT_NAME,
      WECOM_WS_URL: server.url,
      // Slower than the other WeCom tests' 500 ms: a busy child must not miss heartbeats and reconnect.
      WECOM_HEARTBEAT_MS: '5000',
      WECOM_RECONNECT_BASE_MS: '50',
      WECOM_CONNECT_TIMEOUT_MS: '2000',
    };
    instances = ['wecom-1', 'wecom-2', 'wecom-3'].map((id) => Instance.spawn(id, env));
    await Promise.all(instances.map((i) => i.ready()));
    await server.waitForSubscriptions(1, 10_000);
    const leaders = instances.filter((i) => i.leading);
    expect(leaders).toHaveLength(1);
    const first = leaders[0]!;
    const followers = instances.filter((i) => i !== first);

    // The leader holds the connection; the followers stand by and say who leads.
    expect(await platformState(first)).toBe('connected');
    for (const f of followers) expect(await platformState(f)).toBe('stopped');
    for (const f of followers) {
      const h = await health(f);
      expect(h.status).toBe(200);
      expect(h.body.instance).toEqual({ id: f.id, leading: false, leader: first.id });
      expect(h.body.platforms[0]!.state).toBe('standby');
    }
    expect((await health(first)).body.instance).toEqual({ id: first.id, leading: true, leader: first.id });
    const before = say(WECOM_USER.alice, '/帮助');
    await server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === before, 10_000);

    // SIGKILL the leader.
    const open = server.connectionLog.length;
    const held = server.connectionLog.filter((e) => e.event === 'subscribed').at(-1)!.connection;
    const subscriptions = server.subscriptions;
    const marks = followers.map((f) => f.events.length);
    const killedAt = Date.now();
    await first.kill();
    const { leader: second, at: ledAt } = await nextLeader(followers, marks);
    const takeoverMs = ledAt - killedAt;
    await server.waitForSubscriptions(subscriptions + 1, 10_000);
    const subscribedAt = server.connectionLog.slice(open).find((e) => e.event === 'subscribed')!.at;
    // The connection the fake saw close when the leader died was the one it held.
    const oldClosed = server.connectionLog.slice(open).find((e) => e.event === 'close' && e.connection === held);
    expect(oldClosed).toBeDefined();
    // eslint-disable-next-line no-console
    console.log(
      `leader death: ${first.id} killed; ${second.id} led after ${takeoverMs} ms (poll ${POLL_MS} ms), its connection subscribed after ${subscribedAt - killedAt} ms; old connection closed ${oldClosed!.at - killedAt} ms after the kill`,
    );
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);
    expect(await platformState(second)).toBe('connected');
    const third = followers.find((f) => f !== second)!;
    expect(await platformState(third)).toBe('stopped');
    expect((await health(third)).body.instance).toEqual({ id: third.id, leading: false, leader: second.id });

    // A message through WeCom after the takeover is answered (by the new leader: it holds the only connection).
    const after = say(WECOM_USER.bob, '/帮助');
    const answer = await server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === after, 10_000);
    expect(textOf(answer)).not.toBe('');

    // Catch-up. This test takes the leader lock's queue before killing the second leader, so that
    // when it dies nobody leads until the test lets go: a window that is otherwise at most one poll.
    const blocker = new pg.Client({ connectionString: db.url, application_name: 'test-blocker' });
    await blocker.connect();
    const blocked = blocker.query('SELECT pg_advisory_lock($1)', [LEADER_LOCK]);
    await waitUntil(async () => (await query(db.url, "SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.application_name = 'test-blocker' AND l.locktype = 'advisory' AND NOT l.granted")).length === 1, 'the blocker queued');
    const thirdMark = third.events.length;
    await second.kill();
    await blocked;
    expect(third.leading).toBe(false);

    // While nobody leads, alice registers through the follower (an HTTP callback, say): the approval
    // card for carol waits in the outbox.
    const message: IncomingMessage = {
      platform: 'wecom',
      messageId: 'mi-catch-up',
      senderPlatformId: WECOM_USER.alice,
      chat: { platform: 'wecom', chatId: CHAT.east, kind: 'group' },
      text: '/报备 宁波海曙启明软件有限公司 王芳 13900001111',
      mentions: [],
    };
    third.send({ op: 'say', id: 'reg', message });
    const said = await third.waitFor((e) => e.event === 'said' && e.id === 'reg', 10_000, 'the registration answer');
    expect((said.texts as string[]).join('\n')).toContain('已提交报备');
    const sentBefore = server.frames('aibot_send_msg').length;
    await new Promise((r) => setTimeout(r, 3 * POLL_MS));
    expect(server.frames('aibot_send_msg')).toHaveLength(sentBefore);
    const queued = await query<{ recipient_id: string; status: string }>(db.url, "SELECT recipient_id, status FROM outbox WHERE recipient_id = 'carol'");
    expect(queued.map((q) => q.status)).toEqual(['pending']);
    expect(third.leading).toBe(false);

    // The lock is free again: the last instance leads, connects and delivers what was missed.
    const releasedAt = Date.now();
    await blocker.end();
    const { at: thirdLedAt } = await nextLeader([third], [thirdMark]);
    const card = await server.waitFor((f) => f.cmd === 'aibot_send_msg' && (f.body as { chatid?: string }).chatid === WECOM_USER.carol && isCard(f), 15_000);
    expect(textOf(card)).toContain('宁波海曙启明软件有限公司');
    await waitUntil(async () => (await query<{ status: string }>(db.url, "SELECT status FROM outbox WHERE recipient_id = 'carol'")).every((q) => q.status === 'sent'), 'carol’s card marked sent');
    // eslint-disable-next-line no-console
    console.log(`catch-up: ${third.id} led ${thirdLedAt - releasedAt} ms after the lock was free and delivered the queued approval card`);

    // Throughout: never more than one live connection to the bot, and three in all (one per leader).
    const opened = server.connectionLog.filter((e) => e.event === 'open').length;
    // eslint-disable-next-line no-console
    console.log(`connections seen by the fake WeCom server: ${opened} opened, at most ${maxOpenAtOnce(server.connectionLog)} at once`);
    expect(maxOpenAtOnce(server.connectionLog)).toBe(1);
    expect(server.connectionLog.filter((e) => e.event === 'subscribed')).toHaveLength(3);
  }, 60_000);
});

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
