import express, { type Router } from 'express';
import type { Server } from 'node:http';
import { createLogger, type Logger } from '../log/logger';
import type { Platform } from '../platforms/types';
import type { IntegrityResult } from '../../db/integrity';
import type { Leadership } from '../storage/leadership';
import type { Store } from '../storage/unit-of-work';
import { httpErrorHandler, notFound } from './error-handler';

/**
 * Health for probes and people; platform callback routers (WeCom app mode) mount here too.
 * Every error, from a router or a body parser, ends in the one handler: plain status word out,
 * the detail in the structured log.
 */
export function createHttpServer(
  platforms: Platform[],
  routers: { path: string; router: Router }[] = [],
  logger: Logger = createLogger(),
  /** The last database integrity check (db/integrity.ts), shown with the platforms. */
  integrity?: () => IntegrityResult | undefined,
  /** The storage, asked whether it answers. */
  storage?: Pick<Store, 'ping' | 'engine'>,
  /** Which instance leads (runs the sweeps, the dispatcher and the WeCom connection). */
  leadership?: Leadership,
) {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    const leading = leadership ? leadership.isLeader() : true;
    // A follower leaves exclusive platforms (WeCom's long connection) to the leader: standing by is healthy.
    const states = platforms.map((p) => (p.exclusive && !leading ? { ...p.health(), state: 'standby' as const } : p.health()));
    const check = integrity?.();
    const answers = storage ? await storage.ping() : undefined;
    const leader = leadership && answers !== false ? await leadership.currentLeader().catch(() => undefined) : undefined;
    const ok = states.every((s) => s.state === 'connected' || s.state === 'standby') && check?.ok !== false && answers !== false;
    res.status(ok ? 200 : 503).json({
      ok,
      platforms: states,
      ...(check ? { integrity: { ok: check.ok, checkedAt: check.checkedAt, ms: check.ms, problems: check.problems } } : {}),
      ...(answers !== undefined && storage ? { storage: { engine: storage.engine, ok: answers } } : {}),
      ...(leadership ? { instance: { id: leadership.instanceId, leading, leader: leader ?? null } } : {}),
    });
  });
  for (const r of routers) app.use(r.path, r.router);
  app.use(notFound);
  app.use(httpErrorHandler(logger));
  return app;
}

export function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.on('error', reject);
  });
}
