import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../../../db/open';
import { staff, chatGroups, dealers } from '../../../db/schema';

const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'dg-cli-'));

function bot(args: string[], input: string) {
  return spawnSync(tsx, ['src/main.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, DEALGUARD_LOG_LEVEL: 'warn' }, timeout: 60_000 });
}

describe('the console from a shell', () => {
  const script = ['/报备 杭州云启科技有限公司 张伟 13812345678', ':as carol', ':in 私聊', ':click c1 approve', ':advance 27d', ':now', '/审批'].join('\n');

  it('runs piped stdin to EOF, deterministically for a given --now, and keeps state in the file', () => {
    const dir = tmp();
    const run = (db: string) => bot(['--db', db, '--now', '2026-11-25T10:00:00+08:00'], script);
    const a = run(path.join(dir, 'a.db'));
    const b = run(path.join(dir, 'b.db'));
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('（现在是 2026-12-22 10:00）');
    expect(a.stdout).toMatch(/私聊 李雷\] dealguard:\n {2}⏰ 提醒/);
    expect(a.stdout).toContain('@李雷 🔒 有一条提醒已私信给你');
    const again = bot(['--db', path.join(dir, 'a.db'), '--now', '2026-12-23T10:00:00+08:00'], '/我的');
    expect(again.stdout).toContain('你名下共 1 个客户');
  }, 60_000);

  it('shuts down cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      // node itself (not the tsx wrapper, which relays signals) so the signal reaches the bot.
      const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--db', path.join(tmp(), 'sig.db')], { stdio: ['pipe', 'pipe', 'pipe'] });
      await new Promise<void>((res) => p.stdout.on('data', (d: Buffer) => d.toString().includes('dealguard 控制台') && res()));
      const code = new Promise<number | null>((res) => p.on('exit', (c) => res(c)));
      p.kill(signal);
      expect(await code).toBe(0);
    }
  }, 60_000);

  it('refuses a bad --now with a clear message', () => {
    const r = bot(['--db', path.join(tmp(), 'x.db'), '--now', 'tomorrow'], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--now 看不懂');
  });
});

describe('organisation import and backup scripts', () => {
  it('imports an org file row by row, reports bad rows, and is idempotent', async () => {
    const dir = tmp();
    const file = path.join(dir, 'org.xlsx');
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('人员');
    s.addRow(['账号ID*', '姓名*', '角色*', '上级', '团队', '区域', '代理商', '状态', '企业微信ID', '钉钉ID']);
    s.addRow(['zhang', '张总', '总监', '', '管理层', '全国', '', '在职', 'ZhangZong', '']);
    s.addRow(['li', '李经理', '经理', 'zhang', '华南', '华南', '', '在职', 'LiJingLi', 'dt-li']);
    s.addRow(['wang', '王销售', '销售', 'li', '华南', '华南', '', '在职', 'WangXS', '']);
    s.addRow(['bad id!', '坏账号', '销售', 'li', '', '', '', '', '', '']);
    s.addRow(['zhao', '赵销售', '实习生', 'li', '', '', '', '', '', '']);
    s.addRow(['qian', '钱销售', '销售', 'nobody', '', '', '', '', '', '']);
    s.addRow(['sun', '孙伙伴', '代理商', 'li', '华南', '广东', '深圳星火科技', '在职', '', '']);
    s.addRow([]);
    const g = wb.addWorksheet('群');
    g.addRow(['群名*', '平台', '会话ID', '团队', '成员']);
    g.addRow(['华南销售群', '企业微信', 'wrkHuaNan01', '华南', 'li,wang,sun']);
    await wb.xlsx.writeFile(file);
    const db = path.join(dir, 'dg.db');
    const run = () => spawnSync(tsx, ['scripts/import.ts', 'org', file, '--db', db], { encoding: 'utf8', timeout: 60_000 });
    const r = run();
    expect(r.stdout).toContain('错误 3 处');
    expect(r.stdout).toContain('人员 第 5 行「账号ID」');
    expect(r.stdout).toContain('人员 第 6 行「角色」');
    expect(r.stdout).toContain('人员 第 7 行「上级」：上级 nobody 不存在');
    const report = path.join(dir, 'org.错误报告.xlsx');
    expect(fs.existsSync(report)).toBe(true);
    const rep = new ExcelJS.Workbook();
    await rep.xlsx.readFile(report);
    expect(rep.worksheets[0]!.rowCount).toBe(4);
    const check = openDb({ file: db });
    expect(check.select().from(staff).all().map((x) => x.id).sort()).toEqual(['li', 'sun', 'wang', 'zhang']);
    expect(check.select().from(chatGroups).all()[0]).toMatchObject({ platform: 'wecom', chatId: 'wrkHuaNan01', teamId: '华南' });
    expect(check.select().from(dealers).all()[0]).toMatchObject({ name: '深圳星火科技', channelManagerId: 'li' });
    const audits = () => check.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE subject_type = 'staff'").get() as { n: number };
    const before = audits().n;
    run();
    expect(audits().n).toBe(before);
    check.$client.close();

    const strict = spawnSync(tsx, ['scripts/import.ts', 'org', file, '--db', path.join(dir, 'strict.db'), '--all-or-nothing'], { encoding: 'utf8', timeout: 60_000 });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('未导入任何数据');
  }, 60_000);

  it('writes a template and backs up a live database', () => {
    const dir = tmp();
    execFileSync(tsx, ['scripts/template.ts', 'org', path.join(dir, 't.xlsx')]);
    expect(fs.statSync(path.join(dir, 't.xlsx')).size).toBeGreaterThan(1000);
    const db = openDb({ file: path.join(dir, 'live.db') });
    db.insert(staff).values({ id: 'x', name: 'X', role: 'sales' }).run();
    const out = execFileSync(tsx, ['scripts/backup.ts', path.join(dir, 'copy.db'), '--db', path.join(dir, 'live.db')], { encoding: 'utf8' });
    expect(out).toContain('已备份到');
    const copy = openDb({ file: path.join(dir, 'copy.db'), migrate: false });
    expect(copy.select().from(staff).all()).toHaveLength(1);
    db.$client.close();
    copy.$client.close();
  }, 60_000);
});
