// The self-built application: signed, encrypted HTTP callbacks in; application messages and card
// updates out to a fake qyapi. Everything on 127.0.0.1.
import { encrypt } from '@wecom/crypto';
import type { Card } from '../../../bot-cards/card';
import { silentLogger } from '../../../src/log/logger';
import { createWecomPlatform, type WecomPlatform } from '../../../src/platforms/wecom';
import { cardEventXml, signedCallback, signedQuery, textMessageXml } from '../../fakes/wecom/callback-signer';
import { appTestConfig, CALLBACK_KEYS } from '../../fakes/wecom/config';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { listenCallback, type CallbackServer } from '../../support/wecom-callback-server';
import { FakeQyapi } from '../../fakes/wecom/qyapi-server';

const card: Card = {
  id: 'c17',
  kind: 'approval',
  title: '客户报备审批',
  fields: [{ label: '客户', value: '杭州云启科技有限公司' }],
  buttons: [
    { action: 'approve', label: '通过', style: 'primary' },
    { action: 'reject', label: '驳回', style: 'danger' },
  ],
};

describe('WeCom application callback and messages', () => {
  let qyapi: FakeQyapi;
  let platform: WecomPlatform;
  let handlers: ScriptedHandlers;
  let server: CallbackServer;
  let base: string;

  beforeEach(async () => {
    qyapi = await FakeQyapi.start({ corpId: CALLBACK_KEYS.corpId });
    handlers = new ScriptedHandlers();
    platform = createWecomPlatform(appTestConfig(qyapi.baseUrl), { logger: silentLogger() });
    server = await listenCallback(platform);
    base = server.base;
    await platform.start(handlers);
  });

  afterEach(async () => {
    await platform.stop();
    await server.close();
    await qyapi.close();
  });

  const post = (query: string, body: string) => fetch(`${base}${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });

  it('answers the URL check with the decrypted echostr', async () => {
    const echostr = encrypt(CALLBACK_KEYS.aesKey, '1616140317555161061', CALLBACK_KEYS.corpId);
    const query = signedQuery(CALLBACK_KEYS, echostr, Math.floor(Date.now() / 1000));
    const res = await fetch(`${base}${query}&echostr=${encodeURIComponent(echostr)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('processes a signed, encrypted message and replies with an application message', async () => {
    const { query, body } = signedCallback(CALLBACK_KEYS, textMessageXml(CALLBACK_KEYS, 'alice', '查询 杭州云启', '7001'));
    const res = await post(query, body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');

    await waitFor(() => qyapi.sent.length === 1);
    expect(handlers.messages).toEqual([
      {
        platform: 'wecom',
        messageId: '7001',
        senderPlatformId: 'alice',
        chat: { platform: 'wecom', chatId: 'alice', kind: 'private' },
        text: '查询 杭州云启',
        mentions: [],
      },
    ]);
    expect(qyapi.sent[0]).toEqual({ touser: 'alice', agentid: CALLBACK_KEYS.agentId, msgtype: 'markdown', markdown: { content: 'echo: 查询 杭州云启' } });
  });

  it.each([
    ['a wrong signature', 401, (q: string) => q.replace(/msg_signature=[0-9a-f]{4}/, 'msg_signature=0000')],
    ['no signature', 400, (q: string) => q.replace(/msg_signature=[0-9a-f]+&/, '')],
  ])('refuses %s with %i and never calls the handlers', async (_what, status, tamper) => {
    const { query, body } = signedCallback(CALLBACK_KEYS, textMessageXml(CALLBACK_KEYS, 'alice', 'x', '7002'));
    const res = await post(tamper(query), body);
    expect(res.status).toBe(status);
    await settle();
    expect(handlers.messages).toEqual([]);
  });

  it('refuses a correctly signed callback replayed an hour later', async () => {
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    const { query, body } = signedCallback(CALLBACK_KEYS, textMessageXml(CALLBACK_KEYS, 'alice', 'x', '7003'), anHourAgo);
    const res = await post(query, body);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('stale_timestamp');
    await settle();
    expect(handlers.messages).toEqual([]);
  });

  it('refuses a payload encrypted for another corp', async () => {
    const other = { ...CALLBACK_KEYS, corpId: 'ww-other-corp' };
    const { query, body } = signedCallback(other, textMessageXml(other, 'mallory', 'x', '7004'));
    expect((await post(query, body)).status).toBe(403);
    await settle();
    expect(handlers.messages).toEqual([]);
  });

  it.each([
    ['a body that is not XML', () => ({ query: signedCallback(CALLBACK_KEYS, '<xml/>').query, body: 'hello' })],
    ['an envelope without Encrypt', () => ({ query: signedCallback(CALLBACK_KEYS, '<xml/>').query, body: '<xml><ToUserName>x</ToUserName></xml>' })],
    ['a plaintext that is not a callback', () => signedCallback(CALLBACK_KEYS, '<xml><MsgType>text</MsgType></xml>')],
    ['a plaintext with a DOCTYPE', () => signedCallback(CALLBACK_KEYS, '<!DOCTYPE xml [<!ENTITY x "y">]><xml/>')],
  ])('answers 400 to %s', async (_what, make) => {
    const { query, body } = make();
    expect((await post(query, body)).status).toBe(400);
    await settle();
    expect(handlers.messages).toEqual([]);
  });

  it('handles a WeCom retry of the same callback once', async () => {
    const callback = signedCallback(CALLBACK_KEYS, textMessageXml(CALLBACK_KEYS, 'alice', '一次', '7005'));
    expect((await post(callback.query, callback.body)).status).toBe(200);
    expect((await post(callback.query, callback.body)).status).toBe(200);
    await waitFor(() => qyapi.sent.length === 1);
    await settle();
    expect(handlers.messages).toHaveLength(1);
  });

  it('routes a card click with its ResponseCode, updates the card, and later updates spend the send code once', async () => {
    const receipt = await platform.send({ to: { kind: 'user', platformUserId: 'carol' }, message: { card } });
    const sentCard = qyapi.sent[0] as { template_card: { task_id: string; button_list: { key: string }[] } };
    expect(receipt.cardRef).toMatch(/^app:/);

    handlers.answerAction = () => ({ updatedCard: { ...card, buttons: [], footer: '已通过 · 陈经理' }, replies: [] });
    const clickCode = qyapi.issueResponseCode();
    const approveKey = sentCard.template_card.button_list[0]?.key as string;
    const { query, body } = signedCallback(CALLBACK_KEYS, cardEventXml(CALLBACK_KEYS, 'carol', approveKey, sentCard.template_card.task_id, clickCode));
    expect((await post(query, body)).status).toBe(200);

    await waitFor(() => qyapi.updates.length === 1);
    expect(handlers.actions[0]).toMatchObject({ senderPlatformId: 'carol', cardId: 'c17', action: 'approve', chat: { chatId: 'carol', kind: 'private' } });
    expect(qyapi.updates[0]).toMatchObject({
      userids: ['carol'],
      agentid: CALLBACK_KEYS.agentId,
      response_code: clickCode,
      template_card: { card_type: 'text_notice', sub_title_text: '已通过 · 陈经理' },
    });

    const to = { kind: 'user', platformUserId: 'carol' } as const;
    await expect(platform.updateCard(receipt.cardRef as string, to, { ...card, footer: '已撤销' })).resolves.toBe('updated');
    await expect(platform.updateCard(receipt.cardRef as string, to, { ...card, footer: '再次' })).resolves.toBe('expired');
    expect(qyapi.updates).toHaveLength(2);
  });

  it('refuses group deliveries in application mode, for good', async () => {
    const failure = await platform.send({ to: { kind: 'chat', chatId: 'wr-east' }, message: { text: 'x' } }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ retryable: false, code: 'wecom_app_chat_unsupported' });
  });

  it('answers 503 before start, so that WeCom retries', async () => {
    await platform.stop();
    const { query, body } = signedCallback(CALLBACK_KEYS, textMessageXml(CALLBACK_KEYS, 'alice', 'x', '7006'));
    expect((await post(query, body)).status).toBe(503);
  });
});

async function waitFor(probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Lets any wrongly started background work reach the handlers before asserting it did not. */
function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 50));
}
