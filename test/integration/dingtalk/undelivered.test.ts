// Replies have no outbox row behind them: what the platform cannot deliver after its quick retries
// is handed to onUndelivered (the app keeps it in the outbox), never dropped.
import type { Card } from '../../../bot-cards/card';
import { FAKE_APP } from '../../fakes/dingtalk/fake-dingtalk';
import { cardActionContent, fixture } from '../../fakes/dingtalk/fixtures';
import { delay, waitFor } from '../../fakes/dingtalk/wait';
import { quietSdkConsole, startHarness, type Harness } from './harness';

quietSdkConsole();

let h: Harness;
afterEach(async () => h?.stop());

const busy = { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } };
const group = { kind: 'chat' as const, chatId: FAKE_APP.group };

test('a reply still failing after three tries is handed over with its target and the last error', async () => {
  h = await startHarness();
  h.handlers.answerMessage = async () => ({ replies: [{ text: '已提交报备' }, { text: '第二条' }] });
  h.fake.api.failNext('/v1.0/robot/groupMessages/send', busy, 3);

  h.fake.pushRobotMessage({}, { sessionTtlMs: 0 });

  await waitFor(() => h.undelivered.length === 1, 'handed over');
  expect(h.undelivered[0]?.delivery).toEqual({ to: group, message: { text: '已提交报备' } });
  expect(h.undelivered[0]?.error).toMatchObject({ retryable: true, code: 'ServiceUnavailable' });
  // The next reply is not held back by the failed one.
  const second = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'group'), 'second reply');
  expect(second).toMatchObject({ msgParam: { content: '第二条' } });
  expect(h.fake.api.requests.filter((r) => r.path === '/v1.0/robot/groupMessages/send')).toHaveLength(4);
});

test('a long wait asked by DingTalk (per-IP ban) is handed over at once instead of retried here', async () => {
  h = await startHarness();
  h.handlers.answerMessage = async () => ({ replies: [{ text: '你名下有 3 个客户' }] });
  h.fake.api.failNext('/v1.0/robot/oToMessages/batchSend', { status: 403, body: fixture('error-ip-blocked') });

  h.fake.pushRobotMessage({}, { fixture: 'stream-robot-single-text', sessionTtlMs: 0 });

  await waitFor(() => h.undelivered.length === 1, 'handed over');
  expect(h.undelivered[0]?.delivery.to).toEqual({ kind: 'user', platformUserId: 'alice' });
  expect(h.undelivered[0]?.error).toMatchObject({ retryable: true, retryAfterMs: 5 * 60_000 });
  expect(h.fake.api.requests.filter((r) => r.path === '/v1.0/robot/oToMessages/batchSend')).toHaveLength(1);
});

test('when the clicked card cannot be updated, its new state is handed over as a fresh card', async () => {
  h = await startHarness();
  const card: Card = { id: 'c17', kind: 'approval', title: '客户报备审批', fields: [], buttons: [{ action: 'approve', label: '通过' }] };
  const receipt = await h.platform.send({ to: group, message: { card } });
  const decided: Card = { ...card, buttons: [], footer: '已通过 · 陈经理' };
  h.handlers.answerAction = async () => ({ replies: [], updatedCard: decided });
  h.fake.api.failNext('/v1.0/card/instances', busy, 3, 'PUT');

  h.fake.pushCardCallback({ outTrackId: receipt.cardRef, userId: 'carol', content: cardActionContent({ action: 'approve', cardId: 'c17' }) });

  await waitFor(() => h.undelivered.length === 1, 'handed over');
  expect(h.undelivered[0]?.delivery).toEqual({ to: group, message: { card: decided } });
});

test('a card DingTalk no longer lets us update is posted again in its new state', async () => {
  h = await startHarness();
  const decided: Card = { id: 'c18', kind: 'approval', title: '客户报备审批', fields: [], buttons: [], footer: '已驳回' };
  h.handlers.answerAction = async () => ({ replies: [], updatedCard: decided });

  // An instance DingTalk does not know (e.g. from a wiped tenant): the update is refused for good.
  h.fake.pushCardCallback({
    outTrackId: 'dg_c18_000000000000',
    userId: 'carol',
    spaceType: 'IM_GROUP',
    spaceId: FAKE_APP.group,
    content: cardActionContent({ action: 'reject', cardId: 'c18', remark: '重复' }),
  });

  const fresh = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'card'), 'fresh card');
  if (fresh.kind !== 'card') throw new Error('unreachable');
  expect(fresh.body.cardData.cardParamMap).toMatchObject({ cardId: 'c18', footer: '已驳回', btn1Label: '' });
  await waitFor(() => h.handlers.delivered.length === 1, 'reported to the bot');
  expect(h.handlers.delivered[0]).toMatchObject({ cardId: 'c18', to: group, receipt: { cardRef: fresh.outTrackId } });
  await delay(50);
  expect(h.undelivered).toHaveLength(0);
});
