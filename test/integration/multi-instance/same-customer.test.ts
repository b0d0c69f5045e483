// 撞单 across instances: three real instance processes on one PostgreSQL database, each a whole app
// (openStore({ url }) + createApp with its AdvisoryLeadership). 60 salespeople, 20 on each
// instance, send /报备 of the same customer at the same moment (released together by a "go" line):
// exactly one wins, and each of the 59 others is told who holds it.
import { DEMO_ORG } from '../../../src/domain/org/demo-org';
import type { IncomingMessage } from '../../../src/platforms/types';
import { createTestDatabase } from '../../support/pg';
import { Instance, query, seedOrg } from '../../support/multi-instance/instances';

const INSTANCES = 3;
const PER_INSTANCE = 20;
const SALES = Array.from({ length: INSTANCES * PER_INSTANCE }, (_, i) => ({
  id: `s${i + 1}`,
  name: `销售${i + 1}`,
  role: 'sales' as const,
  managerId: 'carol',
  team: '华东',
  region: '华东',
  active: true,
}));
const NAME = new Map(SALES.map((s) => [s.id, s.name]));

interface Raced {
  startedAt: number;
  endedAt: number;
  results: { messageId: string; sender: string; texts: string[] }[];
}

describe('撞单 across three instances on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let instances: Instance[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('mi_race');
    await seedOrg(db.url, { ...DEMO_ORG, staff: [...DEMO_ORG.staff, ...SALES] });
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await db?.drop();
  });

  it(`${INSTANCES} instances × ${PER_INSTANCE} simultaneous /报备 of one customer: exactly 1 winner, ${INSTANCES * PER_INSTANCE - 1} told who holds it`, async () => {
    instances = Array.from({ length: INSTANCES }, (_, i) => Instance.spawn(`race-${i + 1}`, { MI_DB_URL: db.url, MI_PLATFORMS: '' }));
    await Promise.all(instances.map((i) => i.ready()));
    // One of them leads (sweeps, dispatcher); all three serve messages.
    expect(instances.filter((i) => i.leading)).toHaveLength(1);

    instances.forEach((inst, k) => {
      const messages: IncomingMessage[] = SALES.slice(k * PER_INSTANCE, (k + 1) * PER_INSTANCE).map((s, j) => ({
        platform: 'console',
        messageId: `race-${k}-${j}`,
        senderPlatformId: s.id,
        chat: { platform: 'console', chatId: '华东销售群', kind: 'group' },
        text: `/报备 杭州云启科技有限公司 张伟 1381234${String(5000 + k * PER_INSTANCE + j)}`,
        mentions: [],
      }));
      inst.send({ op: 'prepare', messages });
    });
    // Every child has its messages parsed before any is released.
    await new Promise((r) => setTimeout(r, 200));
    for (const inst of instances) inst.send({ op: 'go' });
    const raced = (await Promise.all(instances.map((i) => i.waitFor((e) => e.event === 'raced', 30_000, 'race results')))) as unknown as Raced[];

    const all = raced.flatMap((r) => r.results.map((x) => ({ ...x, text: x.texts.join('\n') })));
    expect(all).toHaveLength(INSTANCES * PER_INSTANCE);
    const winners = all.filter((r) => r.text.includes('已提交报备'));
    const spread = Math.max(...raced.map((r) => r.startedAt)) - Math.min(...raced.map((r) => r.startedAt));
    const span = Math.max(...raced.map((r) => r.endedAt)) - Math.min(...raced.map((r) => r.startedAt));
    // eslint-disable-next-line no-console
    console.log(`multi-instance 撞单: ${all.length} registrations on ${INSTANCES} instances (released within ${spread} ms, all answered in ${span} ms): ${winners.length} winner(s)`);
    expect(winners).toHaveLength(1);
    const winner = NAME.get(winners[0]!.sender)!;
    const told = all.filter((r) => r !== winners[0] && r.text.includes(`已被 ${winner} 报备`));
    expect(told).toHaveLength(INSTANCES * PER_INSTANCE - 1);
    // Losers on every instance, not just on the winner's.
    for (const r of raced) expect(r.results.filter((x) => x.texts.join('\n').includes(`已被 ${winner} 报备`)).length).toBeGreaterThanOrEqual(PER_INSTANCE - 1);

    expect(await query(db.url, 'SELECT id FROM customers')).toHaveLength(1);
    const live = await query<{ owner_id: string }>(db.url, "SELECT owner_id FROM registrations WHERE status IN ('pending', 'protected')");
    expect(live).toEqual([{ owner_id: winners[0]!.sender }]);
    expect(await query(db.url, 'SELECT id FROM registrations')).toHaveLength(1);
    // Every message was handled exactly once.
    expect(Number((await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM inbound_events'))[0]!.n)).toBe(INSTANCES * PER_INSTANCE);
  }, 60_000);
});
