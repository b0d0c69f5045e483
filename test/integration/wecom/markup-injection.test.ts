// A hostile company name registered over the WeCom long connection: stored as typed, and in every
// frame the bot sends it shows as typed without becoming a link or an @all.
import { eq } from 'drizzle-orm';
import { customers } from '../../../db/schema';
import { CHAT, WecomApp, textOf } from '../../support/wecom-app';

const HOSTILE = '[点此领取奖励](http://evil.example)<@all>科技有限公司';

describe('markup in a registered name (WeCom)', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start();
  });
  afterAll(() => h?.close());

  it('is stored as typed and goes out inert in the markdown reply', async () => {
    const req = h.say('alice', `/报备 ${HOSTILE} 张伟 13812345678`, { chat: CHAT.east });
    const reply = await h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === req);
    const content = textOf(reply);
    expect(content).toContain('已提交报备');
    expect(content).not.toContain('](');
    expect(content).not.toMatch(/<@/);
    expect(content.replace(/\u200b/g, '')).toContain(`「${HOSTILE}」`);
    expect(h.db.select().from(customers).where(eq(customers.name, HOSTILE)).get()).toBeDefined();
  });
});
