// A throw-away PostgreSQL server for the test run (and the storage benchmark): found or installed
// (Debian's postgresql package), initialised in a temporary directory as an unprivileged user
// (initdb refuses root), listening on 127.0.0.1 only, stopped and removed at exit.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

function findBin() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

function install(log) {
  if (process.getuid?.() !== 0) {
    throw new Error('PostgreSQL is not installed and this is not root: install Debian\'s "postgresql" package (apt-get install postgresql), or set DEALGUARD_TEST_PG_URL to a server the tests may create databases on.');
  }
  log('PostgreSQL not found: installing Debian\'s postgresql package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Ready means it answers a query: it accepts connections a while before that ("starting up").
async function waitReady(port, child, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode} while starting`);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    const ok = await client
      .connect()
      .then(() => client.query('SELECT 1'))
      .then(() => true, () => false)
      .finally(() => client.end().catch(() => undefined));
    if (ok) return;
    if (Date.now() > until) throw new Error('postgres did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a server and returns { url, stop }. `durable: false` (tests) turns off fsync: the tests
 * check behaviour, not crash safety of the disk; the benchmark keeps PostgreSQL's defaults.
 */
export async function startPostgres({ log = (m) => process.stderr.write(`${m}\n`), durable = false } = {}) {
  let bin = findBin();
  if (!bin) {
    install(log);
    bin = findBin();
    if (!bin) throw new Error('postgresql was installed but no initdb was found under /usr/lib/postgresql');
  }
  const asRoot = process.getuid?.() === 0;
  const user = 'postgres';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealguard-pg-'));
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  const run = (cmd, args) => (asRoot ? ['runuser', ['-u', user, '--', cmd, ...args]] : [cmd, args]);
  if (asRoot) {
    if (spawnSync('id', ['-u', user]).status !== 0) execFileSync('useradd', ['--system', '--no-create-home', user]);
    execFileSync('chown', ['-R', `${user}:`, dir]);
    fs.chmodSync(dir, 0o755);
  }
  const [initCmd, initArgs] = run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-p', String(port), '-k', dir, '-c', 'max_connections=200', '-c', 'shared_buffers=128MB'];
  if (!durable) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const [pgCmd, pgArgs] = run(path.join(bin, 'postgres'), ['-D', data, ...settings]);
  // Its log goes to a file: a pipe nobody reads while the caller blocks (spawnSync) would fill up and stall the server.
  const logFile = path.join(dir, 'postgres.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(pgCmd, pgArgs, { stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  child.unref();
  try {
    await waitReady(port, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop, child };
}
