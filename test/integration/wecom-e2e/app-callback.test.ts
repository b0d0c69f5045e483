// The self-built application's HTTP callback, mounted by the app at WECOM_CALLBACK_PATH: signed,
// encrypted callbacks in, application messages and card updates out to the fake qyapi.
import { eq } from 'drizzle-orm';
import { customers, registrations } from '../../../db/schema';
import { signedCallback } from '../../fakes/wecom/callback-signer';
import { CALLBACK_KEYS } from '../../fakes/wecom/config';
import { WECOM_USER, WecomApp, eventually, settle, snapshot, wecomId } from '../../support/wecom-app';

interface Sent {
  touser: string;
  msgtype: string;
  markdown?: { content: string };
  template_card?: { task_id: string; button_list?: { key: string }[] };
}

describe('WeCom application callbacks through the whole app (WECOM_MODE=app)', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start({ mode: 'app' });
  });
  afterAll(() => h?.close());

  const sent = () => h.api.sent as unknown as Sent[];
  const textTo = (staffId: string) => sent().filter((m) => m.touser === wecomId(staffId) && m.markdown).map((m) => m.markdown!.content);

  it('processes a correctly encrypted and signed callback, and a click on the application card', async () => {
    const res = await h.postCallback(h.appText('alice', '/报备 杭州云启科技有限公司 张伟 13812345678'));
    expect(res.status).toBe(200);
    await eventually(() => textTo('alice').length === 1, 3000, 'reply to alice');
    expect(textTo('alice')[0]).toMatch(/^✅ 已提交报备「杭州云启科技有限公司」/);

    await eventually(() => sent().some((m) => m.touser === WECOM_USER.carol && m.template_card), 3000, 'card to carol');
    const card = sent().find((m) => m.touser === WECOM_USER.carol && m.template_card)!.template_card!;
    expect(textTo('carol')).toEqual(['📝 李雷 提交了报备，请审批：客户报备：杭州云启科技有限公司']);

    const click = await h.postCallback(h.appClick('carol', card, 'approve'));
    expect(click.status).toBe(200);
    await eventually(() => h.api.updates.length === 1, 3000, 'card updated');
    expect(h.api.updates[0]).toMatchObject({
      userids: [WECOM_USER.carol],
      agentid: CALLBACK_KEYS.agentId,
      template_card: { task_id: card.task_id, card_type: 'text_notice', sub_title_text: expect.stringContaining('已通过 · 陈经理') },
    });
    await eventually(() => textTo('alice').length === 2, 3000, 'alice told');
    expect(textTo('alice')[1]).toMatch(/^✅ 你的报备「杭州云启科技有限公司」已由 陈经理 审批通过/);
    expect(h.db.select().from(registrations).get()?.status).toBe('protected');
  });

  describe('refuses a callback that fails verification, and changes nothing', () => {
    const company = '宁波海曙星辰贸易有限公司';
    const fresh = () => h.appText('bob', `/报备 ${company} 王五 13700001111`);

    it.each([
      [
        'a wrong signature',
        401,
        async () => {
          const { query, body } = signedCallback(CALLBACK_KEYS, fresh(), Math.floor(h.clock.now().getTime() / 1000));
          return h.post(query.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'ab'.repeat(20)}`), body);
        },
      ],
      [
        'a signed request captured and replayed an hour later',
        401,
        async () => {
          const captured = signedCallback(CALLBACK_KEYS, fresh(), Math.floor(h.clock.now().getTime() / 1000) - 3600);
          return h.post(captured.query, captured.body);
        },
      ],
      ['a body that is not XML', 400, async () => h.post(signedCallback(CALLBACK_KEYS, fresh()).query, 'not xml at all')],
      [
        'a signed, decryptable body that is not a callback',
        400,
        async () => {
          const { query, body } = signedCallback(CALLBACK_KEYS, '<xml><MsgType>text</MsgType></xml>', Math.floor(h.clock.now().getTime() / 1000));
          return h.post(query, body);
        },
      ],
    ])('%s → %i', async (_what, status, send) => {
      await settle();
      const before = snapshot(h.db);
      const messages = h.api.sent.length;
      const res = await send();
      expect(res.status).toBe(status);
      await settle();
      expect(snapshot(h.db)).toEqual(before);
      expect(h.api.sent).toHaveLength(messages);
      expect(h.db.select().from(customers).where(eq(customers.name, company)).get()).toBeUndefined();
    });

    it('accepts the same message once correctly signed (so the refusals above were about the signing)', async () => {
      expect((await h.postCallback(fresh())).status).toBe(200);
      await eventually(() => !!h.db.select().from(customers).where(eq(customers.name, company)).get(), 3000, 'registered');
    });
  });
});
