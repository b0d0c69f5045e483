// A damaged page in the middle of the file only shows when a query reaches it: the bot would
// start, then fail on some /报备 with "database disk image is malformed". So every process that
// writes checks the file first (PRAGMA quick_check: every page and every b-tree's structure,
// without cross-checking the indexes against their tables) and refuses to start on a damaged one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isBusyError } from './busy';

export interface IntegrityResult {
  ok: boolean;
  file: string;
  /** What SQLite reported (at most MAX_PROBLEMS lines); empty when ok. */
  problems: string[];
  /** Tables and indexes the damaged b-trees belong to, when the schema is still readable. */
  damaged: string[];
  checkedAt: string;
  ms: number;
  /** The check could not run because another connection held the file (not a sign of damage). */
  busy?: boolean;
}

const MAX_PROBLEMS = 5;

/** Checks the database file; a file that does not exist yet (first start) is ok. */
export function checkIntegrity(file: string, opts: { busyTimeoutMs?: number } = {}): IntegrityResult {
  const t0 = performance.now();
  const done = (problems: string[], damaged: string[] = []): IntegrityResult => ({
    ok: problems.length === 0,
    file,
    problems,
    damaged,
    checkedAt: new Date().toISOString(),
    ms: Math.round(performance.now() - t0),
  });
  if (file === ':memory:' || !fs.existsSync(file)) return done([]);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
    const rows = db.pragma(`quick_check(${MAX_PROBLEMS})`, { simple: false }) as { quick_check: string }[];
    const problems = rows.flatMap((r) => r.quick_check.split('\n')).filter((l) => l !== 'ok' && !l.startsWith('***')).slice(0, MAX_PROBLEMS);
    return done(problems, damagedObjects(db, problems));
  } catch (e) {
    if (isBusyError(e)) return { ...done([(e as Error).message]), busy: true };
    // A header too damaged to open, or a page quick_check itself cannot read.
    return done([(e as Error).message]);
  } finally {
    db?.close();
  }
}

/** "Tree 37 page 321 cell 56: …" names the b-tree by its root page: which table or index that is. */
function damagedObjects(db: Database.Database, problems: string[]): string[] {
  const roots = new Set(problems.flatMap((p) => [...p.matchAll(/Tree (\d+)/g)].map((m) => Number(m[1]))));
  if (roots.size === 0) return [];
  try {
    const byRoot = db.prepare('SELECT name FROM sqlite_schema WHERE rootpage = ?').pluck();
    return [...roots].map((r) => (byRoot.get(r) as string | undefined) ?? `第 ${r} 页起的 b-tree`);
  } catch {
    return [];
  }
}

/** What the operator reads when the check fails: what is damaged and how to restore the backup. */
export function integrityFailureText(r: IntegrityResult): string {
  if (r.busy) {
    return [
      `数据库文件 ${r.file} 正被另一个进程锁住，没能做完整性检查（这不是损坏的迹象，请不要移动或恢复这个文件）。`,
      '请等那个进程（例如 npm run import 或 npm run backup）结束后再启动 dealguard。',
    ].join('\n');
  }
  const dir = path.dirname(r.file);
  const backups = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => /^backup-.*\.db$/.test(f)).sort().reverse().map((f) => path.join(dir, f))
    : [];
  return [
    `数据库文件 ${r.file} 已损坏（完整性检查 PRAGMA quick_check 未通过${r.damaged.length > 0 ? `，损坏在 ${r.damaged.join('、')}` : ''}）：`,
    ...r.problems.map((p) => `  ${p}`),
    '为免写入更多错误数据，dealguard 不会在损坏的数据库上启动。请用备份恢复：',
    '  1. 确认没有 dealguard 进程在运行；',
    `  2. 把损坏的文件移开留存：mv ${r.file} ${r.file}.damaged（有 ${r.file}-wal、${r.file}-shm 的一并移开）；`,
    `  3. 把最近一次 npm run backup 的备份复制回来：cp <备份文件> ${r.file}`,
    backups.length > 0 ? `     找到的备份（最新在前）：${backups.slice(0, 3).join('、')}` : `     （${dir} 下没有找到 backup-*.db；备份在 npm run backup 时指定的位置）`,
    '  4. 再启动 dealguard。',
    '备份之后的改动需要重新录入。没有备份时，可先用 sqlite3 的 .recover 把能读的数据导到新文件里。',
  ].join('\n');
}
