// Commands typed in DingTalk reach the real bot and are answered where they were typed; people
// the organisation does not know get a polite answer and nothing else; /healthz shows DingTalk.
import { count } from 'drizzle-orm';
import { auditLog, customers, outbox, registrations } from '../../../db/schema';
import { waitFor } from '../../fakes/dingtalk/wait';
import { dt, EAST_GROUP, quietSdkConsole, startDingtalkApp, STRANGER, type DingtalkApp } from '../../support/dingtalk-app';

quietSdkConsole();

let h: DingtalkApp;
afterEach(async () => h?.close());

const rows = (table: typeof outbox | typeof customers | typeof registrations | typeof auditLog) => h.db.select({ n: count() }).from(table).get()?.n ?? 0;

test('/报备 typed in a group is answered in that group, and the approval card reaches the manager', async () => {
  h = await startDingtalkApp();

  const frame = h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678');

  const answer = await h.answerTo(frame);
  expect(answer).toContain('✅ 已提交报备「杭州云启科技有限公司」');
  expect(answer).toContain('等待 陈经理 审批');
  // Through the group's sessionWebhook: no OpenAPI quota spent on the answer.
  expect(h.fake.api.requests.filter((r) => r.path === '/v1.0/robot/groupMessages/send')).toHaveLength(0);
  // The group is remembered under its DingTalk id and title.
  expect((await h.app.root.read((d) => d.groups.get('dingtalk', EAST_GROUP)))?.name).toBe('华东销售群');

  const [card] = await waitFor(() => (h.cardsIn(`IM_ROBOT.${dt('carol')}`).length === 1 ? h.cardsIn(`IM_ROBOT.${dt('carol')}`) : undefined), 'approval card to carol');
  expect(card?.body.cardTemplateId).toBe('dealguard-approval.schema');
  expect(card?.body.cardData.cardParamMap).toMatchObject({ kind: 'approval', btn1Action: 'approve', btn2Action: 'reject' });
  expect(card?.body.cardData.cardParamMap.body).toContain('杭州云启科技有限公司');
});

test('in a single chat a duplicate is refused with a card to that person only, without the owner\'s phone', async () => {
  h = await startDingtalkApp();
  await h.answerTo(h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678'));

  h.say('bob', '/报备 云启科技（杭州）有限公司 李四 13900001111', { in: 'private' });

  const [card] = await waitFor(() => (h.cardsIn(`IM_ROBOT.${dt('bob')}`).length > 0 ? h.cardsIn(`IM_ROBOT.${dt('bob')}`) : undefined), 'blocked card');
  const params = card!.body.cardData.cardParamMap as Record<string, string>;
  expect(params.body).toContain('已被 李雷 报备');
  expect(JSON.stringify(params)).not.toContain('13812345678');
  expect(params.btn1Label).not.toBe('');
  expect(h.cardsIn(`IM_GROUP.${EAST_GROUP}`)).toHaveLength(0);
});

test('someone DingTalk knows but the organisation does not gets a polite answer, and nothing else happens', async () => {
  h = await startDingtalkApp();
  const before = { outbox: rows(outbox), audit: rows(auditLog) };

  const answer = await h.answerTo(h.say(STRANGER, '/报备 杭州云启科技有限公司 张伟 13812345678'));

  expect(answer).toContain('我还不认识你');
  expect(answer).toContain('管理员');
  expect(rows(customers)).toBe(0);
  expect(rows(registrations)).toBe(0);
  expect({ outbox: rows(outbox), audit: rows(auditLog) }).toEqual(before);
  await h.app.dispatcher.runOnce();
  expect(h.fake.api.delivered.filter((d) => d.kind !== 'session')).toHaveLength(0);
});

test('/healthz reports the DingTalk connection, and its loss', async () => {
  h = await startDingtalkApp();
  const base = await h.http();

  const up = await fetch(`${base}/healthz`);
  expect(up.status).toBe(200);
  expect(await up.json()).toEqual({ ok: true, platforms: [expect.objectContaining({ platform: 'dingtalk', state: 'connected' })] });

  h.fake.api.failNext('/v1.0/gateway/connections/open', { status: 503, body: { code: 'ServiceUnavailable' } }, 1_000);
  h.fake.stream.dropAll();
  await waitFor(() => h.platform.health().state !== 'connected' || undefined, 'loss noticed');
  const down = await fetch(`${base}/healthz`);
  expect(down.status).toBe(503);
  expect(await down.json()).toMatchObject({ ok: false, platforms: [{ platform: 'dingtalk', state: expect.stringMatching(/reconnecting|down/) }] });
});
