import express, { type Router } from 'express';
import type { Server } from 'node:http';
import type { Platform } from '../platforms/types';

/** Health for probes and people; platform callback routers (WeCom app mode) mount here too. */
export function createHttpServer(platforms: Platform[], routers: { path: string; router: Router }[] = []) {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    const states = platforms.map((p) => p.health());
    const ok = states.every((s) => s.state === 'connected');
    res.status(ok ? 200 : 503).json({ ok, platforms: states });
  });
  for (const r of routers) app.use(r.path, r.router);
  return app;
}

export function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.on('error', reject);
  });
}
