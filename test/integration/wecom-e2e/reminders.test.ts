// A scheduled reminder, end to end: the daily sweep at T-3 puts a notice in the outbox, the
// dispatcher pushes it to the owner, and a one-line pointer into the team's bound WeCom group.
import { parseButtonKey } from '../../../src/platforms/wecom/encode/card-key';
import { CHAT, WECOM_USER, WecomApp, chatOf, templateCardOf, textOf } from '../../support/wecom-app';

describe('scheduled reminders into a WeCom group', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start();
  });
  afterAll(() => h?.close());

  const pushesSince = (mark: number) => h.server.accepted.slice(mark).filter((f) => f.cmd === 'aibot_send_msg');

  async function registerAndApprove(owner: string, line: string): Promise<void> {
    const mark = h.server.accepted.length;
    const req = h.say(owner, line, { chat: CHAT.east });
    await h.server.waitFor((f) => f.headers.req_id === req);
    const card = await h.server.waitFor(
      (f) =>
        h.server.accepted.indexOf(f) >= mark &&
        f.cmd === 'aibot_send_msg' &&
        chatOf(f) === WECOM_USER.carol &&
        (f.body as { msgtype?: string }).msgtype === 'template_card' &&
        (templateCardOf(f).button_list?.length ?? 0) > 0 &&
        (templateCardOf(f).main_title?.title ?? '').includes(line.split(' ')[1]!.slice(0, 6)),
    );
    const cardId = parseButtonKey(templateCardOf(card).button_list?.[0]?.key ?? '')?.cardId;
    const ok = h.say('carol', `/通过 ${cardId}`);
    const answer = await h.server.waitFor((f) => f.headers.req_id === ok);
    expect(textOf(answer)).toContain('✅ 已通过');
  }

  it('pushes the T-3 reminders to each owner privately and one line @ them into the bound team group, which a dealer reads', async () => {
    const bind = h.say('admin', '/绑定群 华东', { chat: CHAT.east });
    expect(textOf(await h.server.waitFor((f) => f.headers.req_id === bind))).toContain('绑定到团队「华东」');
    await registerAndApprove('alice', '/报备 杭州云启科技有限公司 张伟 13812345678');
    await registerAndApprove('bob', '/报备 宁波海曙星辰贸易有限公司 王五 13700001111');

    // Protection ends 2026-12-25 10:00; the daily sweep at 09:00 three days before reminds.
    await h.advanceTo('2026-12-21T12:00:00+08:00');
    const mark = h.server.accepted.length;
    await h.advanceTo('2026-12-22T09:30:00+08:00');

    const pushes = pushesSince(mark);
    const to = (chat: string) => pushes.filter((f) => chatOf(f) === chat);
    const [aliceText, aliceCard] = to(WECOM_USER.alice);
    const [bobText, bobCard] = to(WECOM_USER.bob);
    expect(pushes).toHaveLength(6);
    expect(textOf(aliceText!)).toBe('⏰ 提醒：');
    expect(textOf(bobText!)).toBe('⏰ 提醒：');
    expect(textOf(aliceCard!)).toContain('保护期即将到期：杭州云启科技有限公司');
    expect(textOf(aliceCard!)).not.toContain('宁波海曙星辰');
    expect(textOf(bobCard!)).toContain('保护期即将到期：宁波海曙星辰贸易有限公司');
    expect(textOf(bobCard!)).not.toContain('杭州云启');
    // 潘伙伴 (a dealer's person) is in the group: it hears only that each owner was told privately.
    expect(to(CHAT.east).map(textOf).sort()).toEqual([
      '@李雷 🔒 有一条提醒已私信给你（群里有成员无权查看这些内容）。',
      '@韩梅梅 🔒 有一条提醒已私信给你（群里有成员无权查看这些内容）。',
    ]);

    // Once only: the next sweep's window is T-1.
    const again = h.server.accepted.length;
    await h.advanceTo('2026-12-22T20:00:00+08:00');
    expect(pushesSince(again)).toEqual([]);
  });
});
