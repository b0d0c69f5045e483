import { and, eq } from 'drizzle-orm';
import { enqueueNotice } from '../../../src/domain/outbox/notices';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';
import { authRow, importRows } from '../authorizations/support';

/**
 * The audience property: 华东销售群 holds 潘伙伴 (a dealer's person) beside internal sales and their
 * manager. Every command is typed there by each member, every card button is pressed there, time
 * runs through every reminder, and then every notice kind that occurred is forced into the group.
 * Nothing any group message shows may be outside what its least-privileged member may see; the
 * details reach the asker or recipient privately instead.
 *
 * The oracle is independent of the renderers' own labels: distinctive values are planted (contact
 * names, phones, budgets, notes, follow-ups, amounts, another dealer's contract) and searched for.
 */
const GROUP = '华东销售群';
const MEMBERS = ['alice', 'bob', 'carol', 'pat'] as const;

/** Each member's own customer in 华东, and frank's in 华北 (frank is not in the group). */
const CUSTOMERS = {
  alice: { name: '杭州甲秘科技有限公司', short: '杭州甲秘', contact: '秘联甲', phone: '13811110001', budget: '37.5', note: '甲备注机密', product: '甲产品机密', follow: '甲跟进机密' },
  bob: { name: '杭州乙秘网络有限公司', short: '杭州乙秘', contact: '秘联乙', phone: '13822220002', budget: '41.5', note: '乙备注机密', product: '乙产品机密', follow: '乙跟进机密' },
  pat: { name: '杭州丙秘贸易有限公司', short: '杭州丙秘', contact: '秘联丙', phone: '13833330003', budget: '43.5', note: '丙备注机密', product: '丙产品机密', follow: '丙跟进机密' },
  frank: { name: '北京丁秘软件有限公司', short: '北京丁秘', contact: '秘联丁', phone: '13844440004', budget: '47.5', note: '丁备注机密', product: '丁产品机密', follow: '丁跟进机密' },
} as const;
type Owner = keyof typeof CUSTOMERS;

/** What no group message may contain: every customer's details (no member sees all four owners'), another dealer's contract, internal figures. */
const FORBIDDEN = [
  ...Object.values(CUSTOMERS).flatMap((c) => [c.contact, c.phone, c.phone.slice(-4) + ' ', `****${c.phone.slice(-4)}`, `${c.budget} 万元`, c.note, c.product, c.follow]),
  '8.8 万元',
  'HT-OTH-1', '海达产品线', '海达联系人', '13866660006', '6666****', '****0006',
  '13855550005', // the key contact phone of 潘伙伴's own contract: only its owner's line sees it
  '📊 续约漏斗（', '🔁',
];

/** Every command, as each member types it in the group. The test fails when a command is missing here. */
const WALK: Record<string, (me: string) => string[]> = {
  帮助: () => ['/帮助', '/帮助 报备'],
  报备: (me) => [`/报备 杭州${me}新客户有限公司 新联系人 1390000${MEMBERS.indexOf(me as never)}123`],
  查重: () => [`/查重 ${CUSTOMERS.alice.name}`, `/查重 杭州某某 手机=${CUSTOMERS.bob.phone}`],
  跟进: (me) => [`/跟进 ${own(me).short} ${own(me).follow}-群里`],
  我的: () => ['/我的'],
  客户: () => Object.values(CUSTOMERS).map((c) => `/客户 ${c.name}`),
  延期: (me) => [`/延期 ${own(me).short} 客户下周招标`],
  释放: () => [],
  公海: () => ['/公海'],
  认领: () => ['/认领 杭州不存在公司'],
  成交: (me) => [`/成交 ${own(me).short} 1.2万`],
  转交: (me) => (me === 'carol' ? ['/转交 韩梅梅 李雷'] : ['/转交 李雷 韩梅梅']),
  审批: () => ['/审批'],
  通过: () => ['/通过 c999'],
  驳回: () => ['/驳回 c999 信息不全'],
  绑定群: () => ['/绑定群 华东'],
  规则: () => ['/规则'],
  // 潘伙伴 asking for the other dealer's contract number would only hear it echoed back.
  授权: (me) => ['/授权 杭州云启', '/授权 宁波海达', '/授权 HT', ...(me === 'pat' ? [] : ['/授权 HT-OTH-1'])],
  到期: () => ['/到期', '/到期 120'],
  续约: (me) => (me === 'alice' ? ['/续约 HT-OTH-1 意向确认 海达备注'] : ['/续约 HT-PAT-1 意向确认']),
  续约统计: () => ['/续约统计'],
  申诉: (me) => [`/申诉 ${CUSTOMERS[me === 'alice' ? 'bob' : 'alice'].short} 我先拜访过`],
  协作: (me) => [`/协作 ${CUSTOMERS[me === 'alice' ? 'bob' : 'alice'].short} 想一起跟`],
  修改: (me) => [`/修改 ${own(me).short} 联系人=新秘联`],
  撤回: (me) => [`/撤回 杭州${me}新客户`],
};

function own(me: string) {
  return CUSTOMERS[(me in CUSTOMERS ? me : 'alice') as Owner];
}

/** The group's messages in a stretch of console output (each printed message is one entry). */
function groupMessages(entries: string[]): string[] {
  return entries.filter((e) => e.startsWith('[') && e.split('\n')[0]!.includes(` 群 ${GROUP}]`));
}

/** A console group of exactly these members, written straight into the tables (no team, never seen). */
async function addGroup(h: ConsoleHarness, name: string, members: string[]): Promise<void> {
  await h.tx(async (tx) => {
    const group = await tx.insertRow(tx.t.chatGroups, { platform: 'console', chatId: name, name, firstSeenAt: new Date(0), lastSeenAt: new Date(0) });
    await tx.db.insert(tx.t.groupMembers).values(members.map((staffId) => ({ groupId: group.id, staffId })));
  });
}

function leaks(entries: string[]): string[] {
  return groupMessages(entries).flatMap((m) => FORBIDDEN.filter((f) => m.includes(f)).map((f) => `${f} in:\n${m}`));
}

describe.each(ENGINES)('on %s', (engine) => {
  describe('a group message shows only what every member of the group may see', () => {
    let h: ConsoleHarness;
    let cursor = 0;
    /** Console entries since the last call. */
    const fresh = () => {
      const out = h.output.slice(cursor);
      cursor = h.output.length;
      return out;
    };

    beforeAll(async () => {
      h = await startConsole({ engine });
      const imported = await importRows(h.app.root, [
        authRow('HT-PAT-1', '杭州云启科技', 'carol', '2026-03-01', '2027-02-20', { 关键联系人: '云启联系人', 联系电话: '13855550005', 授权产品线: '云启产品线' }),
        authRow('HT-OTH-1', '宁波海达贸易', 'alice', '2026-03-01', '2027-02-20', { 关键联系人: '海达联系人', 联系电话: '13866660006', 授权产品线: '海达产品线' }),
      ]);
      expect(imported.errors).toEqual([]);
      const reg = (who: Owner) => {
        const c = CUSTOMERS[who];
        return `:as ${who}\n:in 私聊\n/报备 ${c.name} ${c.contact} ${c.phone} 预算=${c.budget} 备注=${c.note} 意向产品=${c.product}`;
      };
      await h.run([reg('alice'), reg('bob'), reg('pat'), reg('frank')].join('\n'));
      await h.run(':as carol\n:in 私聊\n/通过 c1\n/通过 c2\n/通过 c3\n:as erin\n/通过 c4');
      await h.run(`:in 私聊\n/跟进 ${CUSTOMERS.alice.short} ${CUSTOMERS.alice.follow}\n/成交 ${CUSTOMERS.alice.short} 8.8万`);
      const setup = await h.run(`:as bob\n:in 私聊\n/跟进 ${CUSTOMERS.bob.short} ${CUSTOMERS.bob.follow}\n:as pat\n/跟进 ${CUSTOMERS.pat.short} ${CUSTOMERS.pat.follow}`);
      expect(setup).toContain(CUSTOMERS.pat.follow);
      cursor = h.output.length;
    });
    afterAll(() => h.close());

    it('the walk covers every command the bot knows', () => {
      const names = h.app.registry.all().map((c) => c.name);
      expect(names.filter((n) => !(n in WALK))).toEqual([]);
    });

    it('every command typed in the group by each member leaks nothing, and the asker gets the details privately', async () => {
      for (const me of MEMBERS) {
        const script = [`:as ${me}`, `:in ${GROUP}`, ...Object.values(WALK).flatMap((lines) => lines(me))];
        await h.run(script.join('\n'));
      }
      const out = fresh();
      expect(leaks(out)).toEqual([]);
      const group = groupMessages(out).join('\n');
      expect(group).toContain('详情已私信你');
      // Not lost: the details went to the askers in private.
      const privateToAlice = out.filter((e) => e.split('\n')[0]!.includes('私聊 李雷]')).join('\n');
      expect(privateToAlice).toContain(CUSTOMERS.alice.contact);
      expect(privateToAlice).toContain(CUSTOMERS.alice.note);
      const privateToCarol = out.filter((e) => e.split('\n')[0]!.includes('私聊 陈经理]')).join('\n');
      expect(privateToCarol).toContain(CUSTOMERS.bob.contact);
    });

    it('every card button pressed in the group leaks nothing', async () => {
      const cards = await h.rows((t) => t.cards);
      const regIds = (await h.rows((t) => t.registrations)).map((r) => r.id);
      const clicks: string[] = [];
      for (const c of cards) {
        if (c.kind === 'reminders') clicks.push(...regIds.map((r) => `:click c${c.id} view:${r}`));
        if (c.kind === 'approval') clicks.push(`:click c${c.id} approve`);
        if (c.kind === 'blocked') clicks.push(`:click c${c.id} collaborate 想一起跟`);
        if (c.kind === 'authorization') clicks.push(`:click c${c.id} view`);
      }
      for (const me of MEMBERS) await h.run([`:as ${me}`, `:in ${GROUP}`, ...clicks].join('\n'));
      expect(leaks(fresh())).toEqual([]);
    });

    it('every reminder, escalation and release over three months leaks nothing into the group', async () => {
      // Fresh customers for the three members who hold customers (the walk won or handed over theirs),
      // with the same planted details: their reminders are routed to the team group.
      const fresh3 = (['alice', 'bob', 'pat'] as const).map((who, i) => {
        const c = CUSTOMERS[who];
        return `:as ${who}\n:in 私聊\n/报备 杭州第${i + 1}新秘有限公司 ${c.contact} 1367777000${i} 备注=${c.note} 意向产品=${c.product}`;
      });
      await h.run(fresh3.join('\n'));
      const pending = (await h.rows((t) => t.approvalSteps, (t) => eq(t.approvalSteps.status, 'pending'))).map((r) => r.cardId);
      await h.run([':as carol', ':in 私聊', ...pending.map((c) => `/通过 c${c}`)].join('\n'));
      fresh();
      await h.run(':advance 95d');
      const out = fresh();
      expect(groupMessages(out).length).toBeGreaterThan(0);
      expect(leaks(out)).toEqual([]);
      // The 负责人 of HT-OTH-1 still got the renewal reminder, privately.
      expect(out.filter((e) => e.split('\n')[0]!.includes('私聊 李雷]')).join('\n')).toContain('HT-OTH-1');
    }, 120_000); // ~20 s on SQLite, ~32 s on PostgreSQL (idle machine): 95 days of sweeps

    it('every notice kind that occurred, forced into the group (as a team notice and as a group notice), leaks nothing', async () => {
      const group = (await h.rows((t) => t.chatGroups, (t) => and(eq(t.chatGroups.platform, 'console'), eq(t.chatGroups.name, GROUP))))[0]!;
      const rows = (await h.rows((t) => t.outbox)).filter((r) => r.kind === 'message');
      const byTemplate = new Map(rows.map((r) => [r.payload.template, r]));
      expect(byTemplate.size).toBeGreaterThanOrEqual(8);
      await h.app.root.write(async (d) => {
        for (const [template, r] of byTemplate) {
          const staffId = (MEMBERS as readonly string[]).includes(r.recipientId) ? r.recipientId : 'alice';
          await enqueueNotice(d.deps, { key: `probe:${template}`, to: { type: 'staff', id: staffId }, channel: 'team', payload: r.payload });
          await enqueueNotice(d.deps, { key: `probe:${template}`, to: { type: 'group', id: String(group.id) }, payload: r.payload });
        }
      });
      await h.app.dispatcher.runOnce();
      await h.run(':advance 1d');
      const out = fresh();
      expect(groupMessages(out).length).toBeGreaterThan(0);
      expect(leaks(out)).toEqual([]);
      // Routed to the team group, the reminders went to their people privately; the group heard one line.
      expect(groupMessages(out).join('\n')).toContain('已私信给你');
      // Addressed to the group itself, one that tells too much is not sent there, and the admins hear of it.
      expect(out.filter((e) => e.split('\n')[0]!.includes('私聊 管理员]')).join('\n')).toContain('群里有成员无权查看这条通知的内容');
    });

    it('a reply that goes privately is not held by quiet hours', async () => {
      const shanghaiMinutes = (h.clock.now().getUTCHours() * 60 + h.clock.now().getUTCMinutes() + 8 * 60) % 1440;
      const toQuiet = (22 * 60 + 30 - shanghaiMinutes + 1440) % 1440;
      // 韩梅梅's customer, asked for by her manager: 潘伙伴 may not read it (李雷 may by now: 韩梅梅 agreed to collaborate).
      const out = await h.run(`:advance ${toQuiet}m\n:as carol\n:in ${GROUP}\n/客户 ${CUSTOMERS.bob.name}`);
      expect(out).toContain(' 22:30 群 华东销售群]');
      expect(out).toContain('详情已私信你');
      expect(out).toMatch(/\[[^\]]* 22:30 私聊 陈经理\] dealguard:\n  🏢/);
      expect(leaks(fresh())).toEqual([]);
    });

    it('a group where every member may see a customer gets its details in the group itself', async () => {
      // 管理层群 is 陈经理, 吴经理 and 王总: 吴经理 may not see 李雷's customer, so it goes privately…
      const mgmt = await h.run(`:as carol\n:in 管理层群\n/客户 ${CUSTOMERS.alice.name}`);
      expect(mgmt.split('[').filter((e) => e.includes('群 管理层群]')).join('')).not.toContain(CUSTOMERS.alice.contact);
      // …while 王总 (director) and 陈经理 in a group of their own may read it there.
      await addGroup(h, '总监经理群', ['carol', 'dave']);
      const both = await h.run(`:as dave\n:in 总监经理群\n/客户 ${CUSTOMERS.alice.name}`);
      expect(both).toContain(CUSTOMERS.alice.contact);
      expect(both).not.toContain('详情已私信你');
    });
  });

  describe('a card copy in a group is updated only with what every member may see', () => {
    it('after a dealer has written in the group, the clicked copy and the other copies keep their details to themselves', async () => {
      const h = await startConsole({ engine });
      try {
        await addGroup(h, '小群', ['alice', 'carol']);
        await h.run(':as alice\n:in 小群\n/报备 杭州秘密测试科技有限公司 秘密联系人 13811112222 预算=77.5 备注=绝密备注');
        // 李雷 and her manager only: the card may show there.
        const listed = await h.run(':as carol\n:in 小群\n/审批');
        expect(listed).toContain('绝密备注');
        // 潘伙伴 writes in the group: from now on they read it too.
        await h.run(':as pat\n:in 小群\n/帮助');
        const clicked = await h.run(':as carol\n:in 小群\n:click c1 approve');
        const secrets = ['秘密联系人', '77.5 万元', '绝密备注', '13811112222', '****2222'];
        // The click answer's copy of the card (printed under the reply) and any copy reposted in the group.
        const shownInGroup = clicked.split('\n[').filter((e) => !e.includes('私聊')).join('\n');
        for (const s of secrets) expect(shownInGroup).not.toContain(s);
        expect(shownInGroup).toContain('详情已私信相关人员');
        expect(shownInGroup).toContain('已通过');
      } finally {
        await h.close();
      }
    });
  });
});
