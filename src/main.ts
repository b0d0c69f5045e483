import fs from 'node:fs';
import { Command } from 'commander';
import { NOW_EXAMPLE, parseNow } from './clock/parse-now';
import { createLogger } from './log/logger';
import { coreEnvSchema, formatEnvError } from './config/env';
import { loadRules } from './domain/rules';
import { VirtualClock, systemClock, type Clock } from './clock/clock';
import { BusinessTime } from './domain/time';
import { seedDemo } from './app/seed';
import { openStore, StoreRefused, type OpenedStore } from './app/open-store';
import { createApp } from './app/create-app';
import { ConsolePlatform } from './platforms/console/console-platform';
import { runRepl } from './platforms/console/repl';
import { consolePersonName, consoleSession } from './app/console-session';
import { domainEnv } from './domain/deps';
import { DomainRoot } from './domain/domain';
import { createPlatforms } from './app/platforms';
import { createHttpServer, listen } from './http/server';

async function main(): Promise<void> {
  const program = new Command()
    .name('dealguard')
    .description('渠道销售机器人：客户报备、查重、保护期、审批、代理授权')
    .option('--platform <names>', '平台：console、wecom、dingtalk，可用逗号组合（默认取 DEALGUARD_PLATFORMS 或 console）')
    .option('--db <path|url>', 'SQLite 文件（默认 data/dealguard.db），或 PostgreSQL 地址 postgres://…')
    .option('--seed <what>', 'demo：写入演示组织')
    .option('--now <iso>', '控制台的起始虚拟时间，例如 2026-11-25T10:00:00+08:00')
    .option('--rules <file>', '规则覆盖文件（JSON）')
    .parse();
  const o = program.opts<{ platform?: string; db?: string; seed?: string; now?: string; rules?: string }>();

  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  // `KEY=` (as in .env.example) means "not set", not an empty value.
  const rawEnv = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = coreEnvSchema.safeParse({
    ...rawEnv,
    ...(o.platform ? { DEALGUARD_PLATFORMS: o.platform } : {}),
    ...(o.db ? (/^postgres(ql)?:\/\//.test(o.db) ? { DATABASE_URL: o.db } : { DEALGUARD_DB: o.db }) : {}),
    ...(o.seed ? { DEALGUARD_SEED: o.seed } : {}),
    ...(o.rules ? { DEALGUARD_RULES_FILE: o.rules } : {}),
  });
  if (!parsed.success) {
    process.stderr.write(`配置有误：\n${formatEnvError(parsed.error)}\n请对照 .env.example 修改。\n`);
    process.exit(2);
  }
  const env = parsed.data;
  const consoleMode = env.DEALGUARD_PLATFORMS.includes('console');
  const logger = createLogger({ level: env.DEALGUARD_LOG_LEVEL === 'info' && consoleMode ? 'warn' : env.DEALGUARD_LOG_LEVEL });
  const rules = loadRules(env.DEALGUARD_RULES_FILE);

  let clock: Clock = systemClock;
  let virtual: VirtualClock | undefined;
  if (consoleMode) {
    const start = o.now ? parseNow(o.now) : new Date();
    if (!start) {
      process.stderr.write(`--now 看不懂：${o.now}（例如 ${NOW_EXAMPLE}）\n`);
      process.exit(2);
    }
    clock = virtual = new VirtualClock(start);
  } else if (o.now) {
    process.stderr.write('--now 只能用于控制台（console）平台。\n');
    process.exit(2);
  }

  let opened: OpenedStore;
  try {
    opened = await openStore({
      db: env.DEALGUARD_DB,
      ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : {}),
      poolSize: env.DEALGUARD_DB_POOL_SIZE,
      ...(env.DEALGUARD_INSTANCE_ID ? { instanceId: env.DEALGUARD_INSTANCE_ID } : {}),
      busyTimeoutMs: env.DEALGUARD_BUSY_TIMEOUT_MS,
      backgroundCheckpoint: true,
      logger,
    });
  } catch (e) {
    if (!(e instanceof StoreRefused)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(e.exitCode);
  }
  const { store, integrity, leadership } = opened;

  const out = (text: string) => process.stdout.write(`${text}\n`);
  const time = new BusinessTime(rules.schedule.timezone);
  const consolePlatform = consoleMode
    ? new ConsolePlatform(out, { personName: consolePersonName(new DomainRoot(domainEnv(store, clock, rules))), now: () => clock.now(), formatTime: (at) => time.dateTime(at) })
    : undefined;
  const { platforms, routers, bindOutbox } = await createPlatforms(env.DEALGUARD_PLATFORMS, rawEnv, { logger, clock, consolePlatform });
  const app = createApp({ store, clock, rules, logger, platforms, leadership, dispatchOnChange: !consoleMode, reportDir: env.DEALGUARD_REPORT_DIR });
  if (env.DEALGUARD_SEED === 'demo') await app.root.write((d) => seedDemo(d.deps, { onlyIfEmpty: false }));
  else if (consoleMode && env.DEALGUARD_SEED !== 'none') await app.root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
  bindOutbox(app);

  let server: Awaited<ReturnType<typeof listen>> | undefined;
  const port = env.DEALGUARD_HTTP_PORT ?? (consoleMode ? undefined : 3000);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    server?.close();
    await app.stop().catch((e) => logger.error({ err: e }, 'stop failed'));
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.start();
  if (port !== undefined) {
    server = await listen(createHttpServer(platforms, routers, logger, () => integrity, store, leadership), port, env.DEALGUARD_HTTP_HOST);
    logger.info({ event: 'http.listen', port: (server.address() as { port: number }).port }, 'http listening');
  }
  if (consolePlatform && virtual) {
    await runRepl(consoleSession(app, consolePlatform, virtual), { input: process.stdin, out, interactive: process.stdin.isTTY === true });
    await shutdown('EOF');
    return;
  }
  app.startRealTime();
  logger.info({ event: 'started', platforms: env.DEALGUARD_PLATFORMS }, 'dealguard started');
}

main().catch((e) => {
  process.stderr.write(`dealguard 启动失败：${(e as Error).message}\n`);
  process.exit(1);
});
