// Connection loss, takeover by another process, failed replies: through the real SDK.
import { silentLogger } from '../../../src/log/logger';
import type { Delivery, SendError } from '../../../src/platforms/types';
import { createWecomPlatform, type WecomPlatform } from '../../../src/platforms/wecom';
import { FakeAibotServer } from '../../fakes/wecom/aibot-server';
import { aibotTestConfig } from '../../fakes/wecom/config';
import { fixtureFrame } from '../../fakes/wecom/fixtures';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';

function groupMessage(msgid: string, content = '@渠道助手 查询 杭州云启') {
  return fixtureFrame('aibot-msg-text-group.json', { msgid, chatid: 'wr-east', from: { userid: 'alice' }, text: { content } }).body;
}

describe('WeCom long connection under failure', () => {
  let server: FakeAibotServer;
  let platform: WecomPlatform | undefined;
  let handlers: ScriptedHandlers;
  const undelivered: { delivery: Delivery; error: SendError }[] = [];

  async function startPlatform(env: Record<string, string> = {}) {
    platform = createWecomPlatform(aibotTestConfig(server.url, env), {
      logger: silentLogger(),
      onUndelivered: (delivery, error) => {
        undelivered.push({ delivery, error });
      },
      replyRetry: { attempts: 2, backoffBaseMs: 20 },
    });
    await platform.start(handlers);
    return platform;
  }

  beforeEach(async () => {
    server = await FakeAibotServer.start();
    handlers = new ScriptedHandlers();
    undelivered.length = 0;
  });

  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
    await server.close();
  });

  it('reconnects after the server drops the connection and handles what comes next', async () => {
    const p = await startPlatform();
    server.pushMessage(groupMessage('m-1'));
    await handlers.until(() => handlers.messages.length === 1);

    server.dropConnection();
    await server.waitForSubscriptions(2);
    await waitFor(() => p.health().state === 'connected');

    server.pushMessage(groupMessage('m-2', '@渠道助手 第二条'));
    const reply = await server.waitFor((f) => f.cmd === 'aibot_respond_msg' && JSON.stringify(f.body).includes('第二条'));
    expect(handlers.messages.map((m) => m.messageId)).toEqual(['m-1', 'm-2']);
    expect(reply.body).toMatchObject({ msgtype: 'stream', stream: { finish: true, content: 'echo: 第二条' } });
  });

  it('does not lose a reply cut off by a dropped connection: it is pushed after the reconnect', async () => {
    await startPlatform();
    server.dropOnNext('aibot_respond_msg');
    server.pushMessage(groupMessage('m-cut', '@渠道助手 报备 杭州云启科技'));

    const push = await server.waitFor((f) => f.cmd === 'aibot_send_msg');
    expect(server.subscriptions).toBe(2);
    expect(push.body).toEqual({ chatid: 'wr-east', chat_type: 2, msgtype: 'markdown', markdown: { content: 'echo: 报备 杭州云启科技' } });
    expect(undelivered).toEqual([]);
  });

  it('reports a reply WeCom refuses for good to onUndelivered, as permanent', async () => {
    await startPlatform();
    server.failNext('aibot_respond_msg', 93006, 'invalid chatid');
    server.pushMessage(groupMessage('m-refused'));
    await handlers.until(() => handlers.messages.length === 1);
    await waitFor(() => undelivered.length === 1);
    expect(undelivered[0]?.delivery).toEqual({ to: { kind: 'chat', chatId: 'wr-east' }, message: { text: 'echo: 查询 杭州云启' } });
    expect(undelivered[0]?.error).toMatchObject({ retryable: false, code: 'wecom_93006' });
  });

  it('reports a reply still failing after its retries to onUndelivered, as retryable', async () => {
    await startPlatform();
    server.failNext('aibot_respond_msg', -1, 'system busy');
    server.failNext('aibot_send_msg', -1, 'system busy', 2);
    server.pushMessage(groupMessage('m-busy'));
    await waitFor(() => undelivered.length === 1);
    expect(server.frames('aibot_send_msg')).toHaveLength(2);
    expect(undelivered[0]?.error).toMatchObject({ retryable: true, code: 'wecom_-1' });
  });

  it('stays down when another process takes the bot over (disconnected_event)', async () => {
    const p = await startPlatform();
    server.kick();
    await waitFor(() => p.health().state === 'down');
    expect(p.health().detail).toMatch(/another connection/);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.subscriptions).toBe(1);

    const failure = await p.send({ to: { kind: 'chat', chatId: 'wr-east' }, message: { text: 'x' } }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ retryable: true, code: 'wecom_disconnected' });
  });

  it('comes back after a takeover when WECOM_RECONNECT_AFTER_KICK_MS is set', async () => {
    const p = await startPlatform({ WECOM_RECONNECT_AFTER_KICK_MS: '100' });
    server.kick();
    await server.waitForSubscriptions(2);
    await waitFor(() => p.health().state === 'connected');
  });

  it('refuses to start with credentials WeCom rejects', async () => {
    const p = createWecomPlatform(aibotTestConfig(server.url, { WECOM_BOT_SECRET: 'wrong' }), { logger: silentLogger() });
    await expect(p.start(handlers)).rejects.toThrow(/refused the bot credentials/);
    expect(p.health().state).toBe('stopped');
  });
});

async function waitFor(probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
