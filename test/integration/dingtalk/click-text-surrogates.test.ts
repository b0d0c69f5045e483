// A reason typed into a DingTalk card (the reject input) arrives with a lone surrogate: it is
// dropped before the reason is stored, so the database never holds U+FFFD; 😀 survives.
import { auditLog, registrations } from '../../../db/schema';
import { waitFor } from '../../fakes/dingtalk/wait';
import { dt, quietSdkConsole, startDingtalkApp, type DingtalkApp } from '../../support/dingtalk-app';

quietSdkConsole();

let h: DingtalkApp;
afterEach(async () => h?.close());

test('a lone surrogate in a click reason never reaches the database', async () => {
  h = await startDingtalkApp();
  await h.answerTo(h.say('alice', '/报备 杭州云启科技有限公司 张伟 13812345678'));
  const card = await waitFor(() => h.cardsIn(`IM_ROBOT.${dt('carol')}`)[0], 'card to carol');

  h.click('carol', card.outTrackId, 'reject', '客户已由代理商\ud83d跟进😀');

  await waitFor(() => h.db.select().from(registrations).get()?.status === 'rejected' || undefined, 'rejected');
  const stored = JSON.stringify([h.db.select().from(registrations).all(), h.db.select().from(auditLog).all()]);
  expect(stored).toContain('客户已由代理商跟进😀');
  expect(stored).not.toContain('\ufffd');
});
