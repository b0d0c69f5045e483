import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../../db/open';
import { startLockHolder } from '../../support/lock-holder';

// The bot process itself (src/main.ts on the console) while another process holds the write lock:
// it answers within its short busy timeout instead of freezing for the import's whole transaction.
describe('dealguard while an import holds the database', () => {
  it('answers 系统繁忙 at once, and the retyped command works once the lock is free', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-main-busy-')), 'db');
    openDb({ file }).$client.close();
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--db', file, '--now', '2026-11-25T10:00:00+08:00'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, DEALGUARD_LOG_LEVEL: 'silent' },
    });
    let out = '';
    const seen = (text: string, from: number) =>
      new Promise<void>((res) => {
        const check = () => out.indexOf(text, from) >= 0 && res();
        p.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          check();
        });
        check();
      });
    await seen('dealguard 控制台', 0);
    const holder = await startLockHolder(file);
    await holder.hold(4000);
    const released = holder.released();
    let from = out.length;
    const asked = performance.now();
    p.stdin.write('/报备 杭州云启科技有限公司 张伟 13812345678\n');
    const answer = await Promise.race([seen('系统繁忙', from).then(() => 'busy'), seen('已提交报备', from).then(() => 'done')]);
    expect(answer).toBe('busy');
    const waitedMs = performance.now() - asked;
    await released;
    from = out.length;
    p.stdin.write('/报备 杭州云启科技有限公司 张伟 13812345678\n');
    await seen('已提交报备「杭州云启科技有限公司」', from);
    const exited = new Promise((r) => p.on('exit', r));
    p.stdin.end();
    await exited;
    await holder.stop();
    expect(out).toContain('⏳ 系统繁忙，请稍后再试（本次操作没有生效）。');
    // 250 ms busy timeout, one wait of 100 ms, 250 ms again: well under the 4 s the lock is held.
    expect(waitedMs).toBeLessThan(2000);
    process.stdout.write(`busy-main: answered 系统繁忙 after ${Math.round(waitedMs)} ms while the lock was held for 4 s\n`);
  }, 60_000);
});
