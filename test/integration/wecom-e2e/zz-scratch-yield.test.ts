import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeTx } from '../../../db/open';
import { enqueueNotice } from '../../../src/domain/outbox/notices';
import { WecomApp } from '../../support/wecom-app';

it.each(['', 'yield'])('loop lag during a pass of fast-failing sends %s', async (mode) => {
  const h = await WecomApp.start({ env: { WECOM_SEND_MAX_WAIT_MS: '0' } });
  if (mode) { const d: any = h.app.dispatcher; const orig = d.deliver; d.deliver = async function (this: any, ...a: any[]) { await orig.apply(this, a); await new Promise((r) => setImmediate(r)); }; }
  const deps = h.app.domain.deps;
  writeTx(deps.db, () => { for (let i = 0; i < 230; i++) enqueueNotice(deps, { key: `t${i}`, to: { type: 'staff', id: 'carol' }, payload: { template: 'delivery.failed', params: { recipient: 'x', platform: 'wecom', error: String(i) } } }); });
  const lag = monitorEventLoopDelay({ resolution: 1 }); lag.enable();
  const t = performance.now();
  const stats = await h.app.dispatcher.runOnce();
  lag.disable();
  console.log(mode || 'as is', JSON.stringify(stats), 'pass', (performance.now() - t).toFixed(0), 'ms; loop max', (lag.max / 1e6).toFixed(0), 'ms');
  await h.close();
});
