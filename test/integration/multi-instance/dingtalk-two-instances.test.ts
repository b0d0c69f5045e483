// One DingTalk frame reaching two instances: two real instance processes on one PostgreSQL database,
// each with its own DingTalk Stream connection to the fake DingTalk. Every frame (same messageId,
// same msgId) is pushed to both connections at the same moment. Whatever the command — one that
// changes state, one refused, one not understood — it runs once and is answered once: the durable
// mark in inbound_events is taken in the command's unit of work, and PostgreSQL decides who took it.
import { DEMO_ORG } from '../../../src/domain/org/demo-org';
import { FakeDingtalk } from '../../fakes/dingtalk/fake-dingtalk';
import type { StreamFrame } from '../../fakes/dingtalk/fixtures';
import { waitFor } from '../../fakes/dingtalk/wait';
import { createTestDatabase } from '../../support/pg';
import { dt, EAST_GROUP } from '../../support/dingtalk-app';
import { Instance, query, seedOrg } from '../../support/multi-instance/instances';

const NAMES = new Map(DEMO_ORG.staff.map((s) => [s.id, s.name]));
const COMPANIES = ['杭州星河数据科技有限公司', '宁波蓝海物流有限公司', '温州鼎泰机械制造有限公司', '绍兴青禾纺织有限公司', '嘉兴明远光电有限公司'];
const ROUNDS = COMPANIES.length;

describe('the same DingTalk frame delivered to two instances', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let fake: FakeDingtalk;
  let instances: Instance[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('mi_dingtalk');
    await seedOrg(db.url, { ...DEMO_ORG, groups: [], staff: DEMO_ORG.staff.map((s) => ({ ...s, dingtalkUserId: dt(s.id) })) });
    fake = await FakeDingtalk.start({ users: DEMO_ORG.staff.map((s) => dt(s.id)) });
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await fake?.stop();
    await db?.drop();
  });

  it('runs each command once and answers it once, whichever instance gets there first', async () => {
    // The fake's quick keepalive (200 ms) would take a child busy with 20 commands for a dead
    // connection and reconnect, losing ACKs on the way: production's is 15 s.
    const env = { MI_DB_URL: db.url, MI_PLATFORMS: 'dingtalk', DEALGUARD_PLATFORMS: 'dingtalk', ...fake.env({ DINGTALK_KEEPALIVE_MS: '10000', DINGTALK_CONNECT_TIMEOUT_MS: '5000' }) };
    instances = ['dingtalk-1', 'dingtalk-2'].map((id) => Instance.spawn(id, env));
    await Promise.all(instances.map((i) => i.ready()));
    await waitFor(() => fake.stream.openConnections().length === 2, 'two Stream connections', 10_000);

    let n = 0;
    const say = (who: string, text: string): StreamFrame => {
      const uid = dt(who);
      n++;
      return fake.pushRobotMessage(
        { msgId: `msg-both-${n}`, senderStaffId: uid, senderId: `$:LWCP_v1:$${uid}`, senderNick: NAMES.get(who), conversationType: '2', conversationId: EAST_GROUP, conversationTitle: '华东销售群', text: { content: ` ${text}` } },
        { messageId: `frame-both-${n}`, toEveryConnection: true },
      );
    };
    // Each kind of outcome takes the mark on its own path in the bot: a command that changes state,
    // a refusal before the command runs (a sales person's /绑定群), a refusal by the command itself
    // (its writes rolled back to a savepoint: /延期 of no customer), both audited, and an answer
    // without a state change.
    const frames: { frame: StreamFrame; kind: 'registered' | 'refused' | 'failed' | 'unknown' }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      frames.push({ frame: say('alice', `/报备 ${COMPANIES[i]} 张伟 1381234${String(7000 + i)}`), kind: 'registered' });
      frames.push({ frame: say('alice', '/绑定群 华东'), kind: 'refused' });
      frames.push({ frame: say('bob', `/延期 无此公司${i} 客户要求`), kind: 'failed' });
      frames.push({ frame: say('bob', `/飞机${i}`), kind: 'unknown' });
    }
    for (const { frame } of frames) expect(fake.stream.deliveriesOf(frame.headers.messageId)).toBe(2);

    // DingTalk answers through the conversation's newest sessionWebhook: answers are told apart by
    // what they say (each frame's answer names its company or its word; the refusals read alike).
    const answers = () => fake.api.delivered.flatMap((d) => (d.kind === 'session' ? [JSON.stringify(d.body)] : []));
    const answersTo = ({ frame, kind }: (typeof frames)[number]): string[] => {
      const text = (JSON.parse(frame.data) as { text: { content: string } }).text.content;
      if (kind === 'refused') return answers().filter((a) => a.includes('可以使用 /绑定群'));
      const word = kind === 'registered' ? COMPANIES.find((c) => text.includes(c))! : kind === 'failed' ? `没有找到客户「${text.split(' ')[2]}」` : text.trim().slice(1);
      return answers().filter((a) => a.includes(word));
    };
    await waitFor(() => frames.every((f) => answersTo(f).length > 0) && answers().length >= frames.length, 'an answer to every frame', 20_000);
    // Both instances got every frame and both ACKed it (one of them without doing anything).
    await waitFor(() => frames.every(({ frame }) => fake.stream.acks.filter((a) => a.messageId === frame.headers.messageId).length === 2), 'both ACKs of every frame', 10_000).catch(async (e) => {
      const activity = await query(db.url, "SELECT application_name, state, wait_event_type, wait_event, left(query, 120) AS q FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle'");
      throw new Error(`${(e as Error).message}: ${JSON.stringify(frames.map(({ frame, kind }) => [kind, fake.stream.acks.filter((a) => a.messageId === frame.headers.messageId).length]))} answers ${answers().length}; ${JSON.stringify(activity)}; ${instances.map((i) => i.stderrTail()).join('\n')}`);
    });
    await new Promise((r) => setTimeout(r, 500));

    const ackedBy = new Set(fake.stream.acks.map((a) => a.connectionId));
    const handledOn = Number((await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM inbound_events'))[0]!.n);
    const perKind = (kind: string) => frames.filter((f) => f.kind === kind).map((f) => answersTo(f).length);
    // eslint-disable-next-line no-console
    console.log(
      `dingtalk: ${frames.length} frames × 2 connections (${ackedBy.size} connections ACKed): ${answers().length} answers (registered ${JSON.stringify(perKind('registered'))}, refused in the command ${JSON.stringify(perKind('failed'))}, unknown ${JSON.stringify(perKind('unknown'))}, refusals ${perKind('refused')[0]} for ${ROUNDS}); inbound_events ${handledOn}`,
    );
    expect(perKind('registered')).toEqual(COMPANIES.map(() => 1));
    expect(perKind('failed')).toEqual(COMPANIES.map(() => 1));
    expect(perKind('unknown')).toEqual(COMPANIES.map(() => 1));
    expect(perKind('refused')[0]).toBe(ROUNDS);
    expect(answers()).toHaveLength(frames.length);
    expect(handledOn).toBe(frames.length);

    const regs = await query<{ name: string; owner_id: string }>(db.url, 'SELECT c.name, r.owner_id FROM registrations r JOIN customers c ON c.id = r.customer_id ORDER BY c.name');
    expect(regs).toEqual([...COMPANIES].sort().map((name) => ({ name, owner_id: 'alice' })));
    expect(await query(db.url, 'SELECT id FROM customers')).toHaveLength(ROUNDS);
    const refusals = await query<{ actor_id: string; action: string; n: string }>(db.url, "SELECT actor_id, action, count(*) AS n FROM audit_log WHERE outcome = 'refused' GROUP BY 1, 2 ORDER BY 1");
    expect(refusals).toEqual([
      { actor_id: 'alice', action: 'command.绑定群', n: String(ROUNDS) },
      { actor_id: 'bob', action: 'command.延期', n: String(ROUNDS) },
    ]);
  }, 60_000);
});
