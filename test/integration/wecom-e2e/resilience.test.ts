// What the fake WeCom server does to a real conversation: drops the connection, refuses a push as
// too frequent, loses the connection while the process stops. Nothing may be lost or sent twice.
import { eq } from 'drizzle-orm';
import { outbox } from '../../../db/schema';
import type { ClientFrame } from '../../fakes/wecom/aibot-server';
import { CHAT, WECOM_USER, WecomApp, chatOf, eventually, textOf } from '../../support/wecom-app';

const isCard = (f: ClientFrame) => (f.body as { msgtype?: string } | undefined)?.msgtype === 'template_card';
const REGISTER = '/报备 杭州云启科技有限公司 张伟 13812345678';

describe('WeCom failures through the whole app', () => {
  let h: WecomApp | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const approvalRequest = (app: WecomApp) => app.db.select().from(outbox).all().find((r) => r.payload.template === 'approval.request');
  const accepted = (app: WecomApp, chat: string) => app.server.accepted.filter((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === chat);

  it('loses nothing when the server drops the connection mid-conversation', async () => {
    const app = (h = await WecomApp.start());
    app.server.dropOnNext('aibot_respond_msg');
    app.server.dropOnNext('aibot_send_msg', (f) => chatOf(f) === WECOM_USER.carol);
    app.say('alice', REGISTER, { chat: CHAT.east });

    // The reply died with the connection; after the reconnect it is pushed into the group.
    await eventually(() => accepted(app, CHAT.east).some((f) => textOf(f).startsWith('✅ 已提交报备')), 5000, 'reply after reconnect');
    expect(app.server.subscriptions).toBeGreaterThanOrEqual(2);

    // The approval push died too: its outbox row waits for its back-off, then goes out.
    await eventually(() => (approvalRequest(app)?.attempts ?? 0) >= 1, 5000, 'failed push recorded');
    expect(approvalRequest(app)).toMatchObject({ status: 'pending' });
    await app.advance(5 * 60_000);

    const toCarol = accepted(app, WECOM_USER.carol);
    expect(toCarol.map((f) => (isCard(f) ? 'card' : textOf(f)))).toEqual(['📝 李雷 提交了报备，请审批：客户报备：杭州云启科技有限公司', 'card']);
    expect(accepted(app, CHAT.east).filter((f) => textOf(f).startsWith('✅ 已提交报备'))).toHaveLength(1);
    expect(app.db.select().from(outbox).all().every((r) => r.status === 'sent')).toBe(true);

    // And the conversation goes on over the new connection.
    const next = app.say('alice', '/我的');
    expect(textOf(await app.server.waitFor((f) => f.headers.req_id === next))).toContain('杭州云启科技有限公司');
  });

  it('keeps a reply it could not deliver before stopping, and delivers it after the restart', async () => {
    // A slow reconnect keeps the connection down until the process stops.
    const app = (h = await WecomApp.start({ env: { WECOM_RECONNECT_BASE_MS: '20000' } }));
    app.server.dropOnNext('aibot_respond_msg');
    app.say('alice', '/我的', { chat: CHAT.east });
    await eventually(() => app.server.frames('aibot_respond_msg').length === 1 && !app.server.connected, 3000, 'reply cut off');

    await app.restart();
    const kept = app.db.select().from(outbox).all().filter((r) => r.payload.template === 'reply.undelivered');
    expect(kept).toMatchObject([{ recipientType: 'group', status: 'pending', payload: { params: { text: expect.stringContaining('你名下还没有客户') } } }]);
    expect(accepted(app, CHAT.east)).toEqual([]);

    await app.advance(60_000);
    const delivered = accepted(app, CHAT.east);
    expect(delivered.map(textOf)).toEqual([kept[0]?.payload.params.text]);
    expect(app.db.select().from(outbox).where(eq(outbox.id, kept[0]!.id)).get()?.status).toBe('sent');
  });

  it('retries a push WeCom refuses as too frequent after the wait it asks for, and delivers it once', async () => {
    const app = (h = await WecomApp.start());
    app.server.failNext('aibot_send_msg', 45009, 'api freq out of limit');
    const req = app.say('alice', REGISTER, { chat: CHAT.east });
    await app.server.waitFor((f) => f.headers.req_id === req);
    await eventually(() => (approvalRequest(app)?.attempts ?? 0) === 1, 3000, 'refused push recorded');
    expect(approvalRequest(app)?.lastError).toContain('45009');
    const toCarol = () => app.server.frames('aibot_send_msg').filter((f) => chatOf(f) === WECOM_USER.carol);
    expect(toCarol()).toHaveLength(1);

    // The back-off alone (30 s) is shorter than the minute WeCom asked for: nothing yet.
    await app.advance(45_000);
    expect(toCarol()).toHaveLength(1);
    await app.advance(20_000);
    await app.advance(30 * 60_000);

    expect(toCarol()).toHaveLength(3);
    expect(accepted(app, WECOM_USER.carol).map((f) => (isCard(f) ? 'card' : textOf(f)))).toEqual([
      '📝 李雷 提交了报备，请审批：客户报备：杭州云启科技有限公司',
      'card',
    ]);
    expect(approvalRequest(app)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
