// One dealguard instance on a shared PostgreSQL database, wired as src/main.ts wires it: openStore
// ({ url }), createPlatforms (from the WECOM_* / DINGTALK_* env it inherits), createApp with an
// AdvisoryLeadership, bindOutbox, app.start(), app.startRealTime(), optional /healthz. No console.
// The parent drives it by JSON lines on stdin and reads JSON lines on stdout:
//   {"op":"prepare","messages":[IncomingMessage…]}  held until {"op":"go"}, then all sent to
//                                                   app.bot.onMessage at once → {"event":"raced",…}
//   {"op":"say","id":…,"message":IncomingMessage}   → {"event":"said","id":…,"texts":[…]}
//   {"op":"health","id":…}                           → {"event":"health","id":…,"leading":…,"platforms":[…]}
// It prints {"event":"ready",…} once started, and {"event":"leading","leading":…,"at":epochMs} on
// every change of leadership.
// env: MI_DB_URL, MI_INSTANCE, MI_POLL_MS (leadership poll, default 500), MI_PLATFORMS (comma list,
// may be empty), MI_HTTP=1 (serve /healthz on a free port), MI_LOG=<level> (pino to stderr).
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';
import { systemClock } from '../../../src/clock/clock';
import { createLogger, silentLogger } from '../../../src/log/logger';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { createApp } from '../../../src/app/create-app';
import { openStore } from '../../../src/app/open-store';
import { createPlatforms } from '../../../src/app/platforms';
import { createHttpServer, listen } from '../../../src/http/server';
import { AdvisoryLeadership } from '../../../src/storage/pg/advisory-leadership';
import type { IncomingMessage, OutboundMessage, PlatformName } from '../../../src/platforms/types';

const url = process.env.MI_DB_URL ?? '';
const instanceId = process.env.MI_INSTANCE ?? `mi-${process.pid}`;
const pollMs = Number(process.env.MI_POLL_MS ?? 500);
const names = (process.env.MI_PLATFORMS ?? '').split(',').filter(Boolean) as PlatformName[];

const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ instance: instanceId, ...o })}\n`);
const textsOf = (replies: OutboundMessage[]) => replies.map((m) => m.text ?? JSON.stringify(m));

async function main(): Promise<void> {
  const logger = process.env.MI_LOG ? createLogger({ level: process.env.MI_LOG }) : silentLogger();
  const opened = await openStore({ db: ':memory:', url, instanceId, logger });
  // The leadership openStore builds, with a quicker poll (the default is 2 s): the same lock and connection.
  const leadership = new AdvisoryLeadership({ url, instanceId, pollMs, onError: (e) => logger.warn({ message: (e as Error).message }, 'leadership connection lost') });
  const { platforms, routers, bindOutbox } = await createPlatforms(names, process.env, { logger, clock: systemClock, consolePlatform: undefined });
  const app = createApp({ store: opened.store, clock: systemClock, rules: DEFAULT_RULES, logger, platforms, leadership });
  leadership.onChange((leading) => emit({ event: 'leading', leading, at: Date.now() }));
  bindOutbox(app);
  await app.start();
  let port: number | undefined;
  if (process.env.MI_HTTP === '1') {
    const server = await listen(createHttpServer(platforms, routers, logger, () => undefined, opened.store, leadership), 0, '127.0.0.1');
    port = (server.address() as AddressInfo).port;
  }
  app.startRealTime();

  let prepared: IncomingMessage[] = [];
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const cmd = JSON.parse(line) as { op: string; id?: string; messages?: IncomingMessage[]; message?: IncomingMessage };
    if (cmd.op === 'prepare') prepared = cmd.messages ?? [];
    else if (cmd.op === 'go') {
      const batch = prepared;
      prepared = [];
      const startedAt = Date.now();
      void Promise.all(batch.map((m) => app.bot.onMessage(m).then((r) => ({ messageId: m.messageId, sender: m.senderPlatformId, ms: Date.now() - startedAt, texts: textsOf(r.replies) })))).then((results) =>
        emit({ event: 'raced', startedAt, endedAt: Date.now(), results }),
      );
    } else if (cmd.op === 'say' && cmd.message) {
      void app.bot.onMessage(cmd.message).then((r) => emit({ event: 'said', id: cmd.id, at: Date.now(), texts: textsOf(r.replies) }));
    } else if (cmd.op === 'health') {
      emit({ event: 'health', id: cmd.id, leading: leadership.isLeader(), platforms: platforms.map((p) => p.health()) });
    }
  });
  lines.on('close', () => {
    void app
      .stop()
      .then(() => leadership.stop())
      .then(() => opened.close())
      .finally(() => process.exit(0));
  });
  emit({ event: 'ready', leading: leadership.isLeader(), at: Date.now(), ...(port ? { port } : {}) });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
