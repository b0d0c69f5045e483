import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { registrations, customers } from '../../../db/schema';
import { openDb } from '../../../db/open';
import { applyOrg } from '../../../src/domain/org/apply-org';
import { startConsole } from '../../support/console-harness';
import { startDomain } from '../../support/domain-harness';

import { bundle } from '../../support/bundle';
const SALES = Array.from({ length: 20 }, (_, i) => ({ id: `s${i + 1}`, name: `销售${i + 1}`, role: 'sales' as const, managerId: 'carol', team: '华东', region: '华东', active: true, members: [] }));

describe('20 people register the same customer at the same moment', () => {
  it('within one process: exactly one wins, the other 19 are told who', async () => {
    const h = await startConsole();
    await h.app.root.write((d) => applyOrg(d.deps, { staff: SALES, groups: [], dealers: [] }, 'test'));
    const replies = await Promise.all(
      SALES.map((s, i) =>
        h.app.bot.onMessage({
          platform: 'console',
          messageId: `race-${i}`,
          senderPlatformId: s.id,
          chat: { platform: 'console', chatId: '华东销售群', kind: 'group' },
          text: `/报备 杭州云启科技有限公司 张伟 1381234${String(5000 + i)}`,
          mentions: [],
        }),
      ),
    );
    const texts = replies.map((r) => r.replies.map((m) => m.text ?? '').join('\n'));
    const winners = texts.filter((t) => t.includes('已提交报备'));
    expect(winners).toHaveLength(1);
    const winner = SALES[texts.findIndex((t) => t.includes('已提交报备'))]!;
    expect(texts.filter((t) => t.includes(`已被 ${winner.name} 报备`))).toHaveLength(19);
    const active = h.db.select().from(registrations).all().filter((r) => ['pending', 'protected'].includes(r.status));
    expect(active).toHaveLength(1);
    await h.close();
  });

  it('from 20 separate processes on one database file: exactly one wins', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-race-'));
    const file = path.join(dir, 'race.db');
    const h = await startDomain({ file });
    await h.tx((d) => applyOrg(d.deps, { staff: SALES, groups: [], dealers: [] }, 'test'));
    await h.close();
    const child = bundle(path.join(__dirname, '../../support/register-child.ts'));
    const procs = SALES.map((s) => spawn(process.execPath, [child, file, s.id], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const outputs = procs.map((p) => {
      let buf = '';
      const ready = new Promise<void>((res) => p.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('ready')) res();
      }));
      const done = new Promise<string>((res) => p.on('exit', () => res(buf)));
      return { ready, done };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const p of procs) p.stdin.write('go\n');
    const outs = await Promise.all(outputs.map((o) => o.done));
    const results = outs.map((o) => JSON.parse(o.split('\n').find((l) => l.startsWith('{'))!) as { staffId: string; result: string });
    const winners = results.filter((r) => r.result === 'submitted');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.result === `blocked:${winners[0]!.staffId}`)).toHaveLength(19);
    const db = openDb({ file });
    expect(db.select().from(customers).all()).toHaveLength(1);
    expect(db.select().from(registrations).where(eq(registrations.status, 'pending')).all()).toHaveLength(1);
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});
